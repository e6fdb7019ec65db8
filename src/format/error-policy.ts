import { z } from "zod";
import { formatRegistry } from "./registry.js";
import { InlineFlowSchema } from "./inline-flow.js";

/**
 * `node.model.policy.error` (§6.8). `type` is `finish` (default), `return`, `flo` (run the helper flow whose
 * UUID is in `flo`) or `handler` (If Error: `flo` is a whole inline flow). Permissive on purpose: one real export
 * carries a number in `flo` next to `type: "finish"`.
 */
export const ErrorPolicySchema = z
  .looseObject({
    type: z.string(),
    delay: z.union([z.number(), z.array(z.number())]).optional(),
    retry: z.number().optional(),
    retryCondition: z.string().optional(),
    get flo() {
      return z.union([z.string(), z.number(), z.null(), InlineFlowSchema]).optional();
    },
    merge: z.string().optional(),
  })
  .register(formatRegistry, { id: "ErrorPolicy", description: "What a card does when it fails." });

export type ErrorPolicy = z.infer<typeof ErrorPolicySchema>;

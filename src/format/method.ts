import { z } from "zod";
import { METHOD_UUID } from "./ids.js";
import { formatRegistry } from "./registry.js";
import { InputsSchema, OutputsSchema } from "./entry.js";
import { PinsSchema } from "./pins.js";
import { BranchesSchema } from "./branches.js";
import { JoinsSchema } from "./joins.js";
import { ErrorPolicySchema } from "./error-policy.js";

/** `parents.version` / `parents.channel`: derived from the address (M3); `data.id` is environment-specific. */
export const ParentSchema = z
  .looseObject({
    address: z.string(),
    key: z.string(),
    data: z.looseObject({ name: z.string(), id: z.unknown().optional() }),
  })
  .register(formatRegistry, { id: "Parent" });

/**
 * `node.model` (§4.3). Keys present on every card are required; `inlined`, `mobile`, `monitor`, `webhook`,
 * `webhookList` and `webhookConditions` are missing on a few old inline cards, so they are optional.
 */
export const MethodModelSchema = z
  .looseObject({
    type: z.literal("method"),
    _v: z.literal(2),
    key: z.string(),
    executable: z.boolean(),
    displayed: z.boolean(),
    async: z.boolean(),
    cooperative: z.boolean(),
    mirrored: z.boolean(),
    inlined: z.boolean().optional(),
    dependencies: z.array(z.unknown()),
    timeout: z.number(),
    idempotent: z.boolean(),
    monitor: z.boolean().optional(),
    webhook: z.boolean().optional(),
    webhookList: z.boolean().optional(),
    webhookConditions: z.unknown().optional(),
    mobile: z.boolean().optional(),
    hooks: z.looseObject({}),
    get policy() {
      return z.looseObject({ error: ErrorPolicySchema });
    },
    metadata: z.looseObject({ name: z.string() }),
    meta: z.unknown(),
    config: z.string().nullable(),
    partnerChannelKeys: z.unknown(),
    get inputs() {
      return InputsSchema;
    },
    get outputs() {
      return OutputsSchema;
    },
    runtime: z.unknown(),
  })
  .register(formatRegistry, { id: "MethodModel", description: "The card body: flags, policy, inputs, outputs (§4.3)." });

/** A card (`methods[i]`), keys `joins, address, parents, uuid, branches, node, pins` (§4.1). */
export const MethodSchema = z
  .looseObject({
    get joins() {
      return JoinsSchema;
    },
    address: z.string(),
    parents: z.looseObject({ version: ParentSchema, channel: ParentSchema }),
    uuid: z.string().regex(METHOD_UUID),
    get branches() {
      return BranchesSchema;
    },
    node: z.looseObject({
      key: z.string(),
      data: z.looseObject({ name: z.string() }),
      get model() {
        return MethodModelSchema;
      },
    }),
    get pins() {
      return PinsSchema;
    },
  })
  .register(formatRegistry, { id: "Method", description: "A card of a flow (§4)." });

export type Parent = z.infer<typeof ParentSchema>;
export type MethodModel = z.infer<typeof MethodModelSchema>;
export type Method = z.infer<typeof MethodSchema>;

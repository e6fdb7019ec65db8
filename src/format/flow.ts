import { z } from "zod";
import { UUID_V4 } from "./ids.js";
import { formatRegistry } from "./registry.js";
import { MethodSchema } from "./method.js";
import { OrderingsSchema } from "./orderings.js";
import { CronSchema } from "./cron.js";

/** `flo.data.display`: the thumbnail cache and the callable flag (§3.4). */
export const FlowDisplaySchema = z
  .looseObject({
    preview: z.array(z.looseObject({})),
    isCallable: z.boolean(),
    eventConnecterName: z.string().nullable().optional(),
    isPublishable: z.boolean().optional(),
  })
  .register(formatRegistry, { id: "FlowDisplay" });

export { FLOW_CORE_KEYS } from "./keys.js";

/** `flo.data`: a top-level flow (§3). `security_level` is null, `open`, `medium` or `high` (F11, F12). */
export const FlowDataSchema = z
  .looseObject({
    id: z.null(),
    uuid: z.string().regex(UUID_V4),
    display: FlowDisplaySchema,
    tree: z.looseObject({}),
    get methods() {
      return z.array(MethodSchema);
    },
    model: z.strictObject({}),
    orderings: OrderingsSchema,
    cron: CronSchema,
    security_level: z.enum(["open", "medium", "high"]).nullable(),
    log: z.boolean(),
    inheritLog: z.boolean(),
    scheduled: z.boolean(),
    group: z.string().regex(UUID_V4),
  })
  .register(formatRegistry, { id: "FlowData", description: "A top-level flow (§3)." });

/** A `data.flos` entry that holds its flow: exactly `id, name, description, data` (F1, F2). */
export const FullFlowSchema = z
  .looseObject({
    id: z.string().regex(UUID_V4),
    name: z.string(),
    description: z.string(),
    data: FlowDataSchema,
  })
  .register(formatRegistry, { id: "FullFlow", description: "A flow of the pack (§2.2)." });

/**
 * A flow the pack calls but does not hold (`data: null`): Okta writes one for each flow that a single-flow (or
 * folder) export calls and that was not exported with it. It lives elsewhere, in the org the export came from.
 */
export const FlowStubSchema = z
  .strictObject({
    id: z.string().regex(UUID_V4),
    name: z.string(),
    description: z.string(),
    data: z.null(),
  })
  .register(formatRegistry, {
    id: "FlowStub",
    description: "A flow the pack calls but does not hold: its id, name and description, `data: null`.",
  });

/** A `data.flos` entry: a flow, or the stub of a flow kept elsewhere. */
export const FlowSchema = z
  .union([FullFlowSchema, FlowStubSchema])
  .register(formatRegistry, { id: "Flow", description: "A flow of the pack (§2.2), or the stub of a flow kept elsewhere." });

export type FlowDisplay = z.infer<typeof FlowDisplaySchema>;
export type FlowData = z.infer<typeof FlowDataSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type FullFlow = z.infer<typeof FullFlowSchema>;
export type FlowStub = z.infer<typeof FlowStubSchema>;

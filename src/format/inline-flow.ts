import { z } from "zod";
import { UUID_V4 } from "./ids.js";
import { formatRegistry } from "./registry.js";
import { MethodSchema, type Method } from "./method.js";
import { OrderingsSchema, type Orderings } from "./orderings.js";

/**
 * A complete flow stored inside a card (§6): the `flo` input of `branch`, `asyncEach`, `tryCatch` (and others),
 * or `policy.error.flo` of `tryCatch`. It has no `name`, `cron` or `scheduled`; `log` and `inheritLog` are false.
 * Declared by hand because it is where the schema recurses (a card can hold an inline flow that holds cards).
 */
export interface InlineFlow {
  id: string | null;
  uuid: string;
  display?: Record<string, unknown>;
  tree: Record<string, unknown>;
  methods: Method[];
  model: Record<string, unknown>;
  orderings: Orderings;
  security_level: string | null;
  log: boolean;
  inheritLog: boolean;
  group: string | null;
  [key: string]: unknown;
}

export const InlineFlowSchema: z.ZodType<InlineFlow> = z
  .looseObject({
    id: z.string().nullable(),
    uuid: z.string().regex(UUID_V4),
    display: z.looseObject({}).optional(),
    tree: z.looseObject({}),
    get methods() {
      return z.array(MethodSchema);
    },
    model: z.looseObject({}),
    get orderings() {
      return OrderingsSchema;
    },
    security_level: z.string().nullable(),
    log: z.boolean(),
    inheritLog: z.boolean(),
    group: z.string().nullable(),
  })
  .register(formatRegistry, { id: "InlineFlow", description: "A whole flow stored inside a card (§6)." });

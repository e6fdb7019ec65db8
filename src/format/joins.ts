import { z } from "zod";
import { formatRegistry } from "./registry.js";
import { TransformSchema } from "./pins.js";

/** Join card wiring: join input id → `[{output: joinOutputId, transform}]` (G6, §6.1). Stale keys map to `[]`. */
export const JoinsSchema = z
  .record(z.string(), z.array(z.looseObject({ output: z.string(), transform: TransformSchema.optional() })))
  .register(formatRegistry, { id: "Joins", description: "join input id → join outputs it feeds." });

export type Joins = z.infer<typeof JoinsSchema>;

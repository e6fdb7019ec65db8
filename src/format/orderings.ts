import { z } from "zod";
import { formatRegistry } from "./registry.js";

/** Control-flow edges of one scope: `{"<edgeId>": [fromUuid, toUuid]}` (G2, §3.3). */
export const OrderingsSchema = z
  .record(z.string(), z.tuple([z.string(), z.string()]))
  .register(formatRegistry, { id: "Orderings", description: "edgeId → [from card uuid, to card uuid]." });

export type Orderings = z.infer<typeof OrderingsSchema>;

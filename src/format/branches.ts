import { z } from "zod";
import { formatRegistry } from "./registry.js";

/** If/Else branches: noop branch-head uuid → `true`/`false` (G5, §6.1). Empty on every card but `control:if`. */
export const BranchesSchema = z
  .record(z.string(), z.boolean())
  .register(formatRegistry, { id: "Branches", description: "noop branch-head uuid → branch condition." });

export type Branches = z.infer<typeof BranchesSchema>;

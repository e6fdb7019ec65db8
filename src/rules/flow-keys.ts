import type { Rule } from "./types.js";
import { keyOrderIssues } from "./_helpers.js";

export const flowKeys: Rule = {
  code: "FP112",
  slug: "flow-keys",
  severity: "error",
  description: "A data.flos entry has exactly the keys id, name, description, data, in that order (F2).",
  *check({ index }) {
    for (const flow of index.flows) yield* keyOrderIssues(flow.raw, ["id", "name", "description", "data"], flow.pointer, "flow");
  },
};

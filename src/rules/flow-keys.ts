import type { Rule } from "./types.js";
import { checkKeyOrder } from "./_helpers.js";

const FLOW_KEYS = ["id", "name", "description", "data"] as const;

export const flowKeys: Rule = {
  code: "FP112",
  slug: "flow-keys",
  severity: "error",
  description: "A data.flos entry has exactly the keys id, name, description, data, in that order (F2).",
  check({ index }, report) {
    for (const flow of index.flows) checkKeyOrder(flow.raw, FLOW_KEYS, flow.pointer, "flow", report);
  },
};

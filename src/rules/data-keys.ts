import type { Rule } from "./types.js";
import { checkKeyOrder } from "./_helpers.js";

const DATA_KEYS = ["flos", "configs", "tables", "groups", "projectOverview"] as const;

export const dataKeys: Rule = {
  code: "FP102",
  slug: "data-keys",
  severity: "error",
  description: "`data` holds flos, configs, tables, groups and optionally projectOverview, in that order, and nothing else (D1).",
  check({ index }, report) {
    if (index.data) checkKeyOrder(index.data, DATA_KEYS, "/data", "data", report);
  },
};

import type { Rule } from "./types.js";
import { ptr } from "./model.js";
import { tableOption } from "./_tables.js";

export const tableUsed: Rule = {
  code: "FP207",
  slug: "table-used",
  severity: "warning",
  description: "Every exported table is used by some Tables card.",
  check({ index }, report) {
    if (index.tables.size === 0) return;
    const used = new Set<string>();
    for (const card of index.cards) {
      const opt = tableOption(card);
      if (opt) used.add(opt.table);
    }
    for (const key of index.tables.keys())
      if (!used.has(key)) report(ptr("/data/tables", key), `table ${JSON.stringify(key)} is not used by any card`);
  },
};

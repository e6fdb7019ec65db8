import type { Rule } from "./types.js";
import { entryPointer, ptr } from "./model.js";
import { tableOption } from "./_tables.js";

export const tableRefs: Rule = {
  code: "FP109",
  slug: "table-refs",
  severity: "error",
  description: "The table chosen on a Tables (stash) card is a key of data.tables (X2).",
  visitCard(card, report, { index }) {
    const opt = tableOption(card);
    if (opt && !index.tables.has(opt.table))
      report(ptr(entryPointer(card, "inputs", opt.entryId), "value", "data"), `table ${JSON.stringify(opt.table)} is not in data.tables`);
  },
};

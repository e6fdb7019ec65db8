import type { Rule } from "./types.js";
import { entryPointer, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const entryIdMatchesKey: Rule = {
  code: "FP133",
  slug: "entry-id-matches-key",
  severity: "error",
  description: "An input or output entry's `id` equals its key in inputs.data / outputs.data (E1).",
  visitEntry(e, report) {
    const id = own(e.raw, "id");
    if (id !== e.key)
      report(ptr(entryPointer(e.card, e.side, e.key), "id"), `entry id ${show(id)} differs from its key ${JSON.stringify(e.key)}`);
  },
};

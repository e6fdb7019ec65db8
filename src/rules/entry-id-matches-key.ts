import type { Rule } from "./types.js";
import { own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const entryIdMatchesKey: Rule = {
  code: "FP133",
  slug: "entry-id-matches-key",
  severity: "error",
  description: "An input or output entry's `id` equals its key in inputs.data / outputs.data (E1).",
  visitCard(card, report) {
    for (const e of card.entries) {
      const id = own(e.raw, "id");
      if (id !== e.key) report(ptr(e.pointer, "id"), `entry id ${show(id)} differs from its key ${JSON.stringify(e.key)}`);
    }
  },
};

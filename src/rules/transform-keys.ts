import type { Rule } from "./types.js";
import { isObj, own, pinsOf, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const transformKeys: Rule = {
  code: "FP125",
  slug: "transform-keys",
  severity: "error",
  description: "A pin's `transform` is keyed by the pin's source output id and its `dest` repeats that id (G4).",
  visitCard(card, report) {
    for (const p of pinsOf(card)) {
      const t = own(isObj(p.pin) ? p.pin : undefined, "transform");
      if (!isObj(t)) continue;
      for (const [k, conv] of Object.entries(t)) {
        const at = ptr(p.pointer, "transform", k);
        if (k !== p.output) report(at, `transform is keyed ${JSON.stringify(k)}, but the pin starts at output ${JSON.stringify(p.output)}`);
        const dest = own(isObj(conv) ? conv : undefined, "dest");
        if (isObj(conv) && dest !== p.output) report(ptr(at, "dest"), `transform dest ${show(dest)} must be the source output id ${JSON.stringify(p.output)}`);
      }
    }
  },
};

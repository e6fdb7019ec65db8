import type { Rule } from "./types.js";
import { isObj, own, pinsOf, ptr } from "./model.js";
import { issue, show } from "./_helpers.js";

export const transformKeys: Rule = {
  code: "FP125",
  slug: "transform-keys",
  severity: "error",
  description: "A pin's `transform` is keyed by the pin's source output id and its `dest` repeats that id (G4).",
  *check({ index }) {
    for (const card of index.cards) {
      for (const p of pinsOf(card)) {
        const t = own(isObj(p.pin) ? p.pin : undefined, "transform");
        if (!isObj(t)) continue;
        for (const [k, conv] of Object.entries(t)) {
          const at = ptr(p.pointer, "transform", k);
          if (k !== p.output) yield issue(at, `transform is keyed ${JSON.stringify(k)}, but the pin starts at output ${JSON.stringify(p.output)}`);
          const dest = own(isObj(conv) ? conv : undefined, "dest");
          if (isObj(conv) && dest !== p.output) yield issue(ptr(at, "dest"), `transform dest ${show(dest)} must be the source output id ${JSON.stringify(p.output)}`);
        }
      }
    }
  },
};

import type { Rule } from "./types.js";
import { isObj, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const transformKeys: Rule = {
  code: "FP125",
  slug: "transform-keys",
  severity: "error",
  description: "A pin's `transform` is keyed by the pin's source output id and its `dest` repeats that id (G4).",
  visitCard(card, report) {
    for (const p of card.pins) {
      const t = own(isObj(p.pin) ? p.pin : undefined, "transform");
      if (!isObj(t)) continue;
      for (const k in t) {
        if (!Object.hasOwn(t, k)) continue;
        const conv = t[k];
        if (k !== p.output)
          report(
            ptr(p.pointer, "transform", k),
            `transform is keyed ${JSON.stringify(k)}, but the pin starts at output ${JSON.stringify(p.output)}`,
          );
        const dest = own(isObj(conv) ? conv : undefined, "dest");
        if (isObj(conv) && dest !== p.output)
          report(
            ptr(p.pointer, "transform", k, "dest"),
            `transform dest ${show(dest)} must be the source output id ${JSON.stringify(p.output)}`,
          );
      }
    }
  },
};

import type { Rule } from "./types.js";
import { isObj, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const transformKeys: Rule = {
  code: "FP125",
  slug: "transform-keys",
  severity: "error",
  description:
    "A pin's `transform` is null or one conversion object, keyed by the pin's source output id, whose `dest` repeats that id (G4).",
  visitCard(card, report) {
    for (const p of card.pins) {
      const t = own(isObj(p.pin) ? p.pin : undefined, "transform");
      if (!isObj(t)) continue;
      // an empty transform is neither null (no conversion) nor a conversion: nothing can say what Okta does with it
      if (Object.keys(t).length === 0)
        report(ptr(p.pointer, "transform"), `transform holds no conversion: null, or {${JSON.stringify(p.output)}: {convert, ...}}`);
      for (const k in t) {
        if (!Object.hasOwn(t, k)) continue;
        const conv = t[k];
        if (!isObj(conv))
          report(ptr(p.pointer, "transform", k), `transform ${JSON.stringify(k)} is ${show(conv)}, not a conversion object`);
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

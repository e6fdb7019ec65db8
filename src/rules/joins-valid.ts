import type { Rule } from "./types.js";
import { cardKind, isObj, objAt, ptr } from "./model.js";

export const joinsValid: Rule = {
  code: "FP127",
  slug: "joins-valid",
  severity: "error",
  description: "Only Join cards (control:join) have `joins`, and every `output` they name is an output of that card (G6).",
  visitCard(card, report) {
    const joins = objAt(card.raw, "joins");
    if (!joins) return;
    const nonEmpty = Object.values(joins).some((v) => Array.isArray(v) && v.length > 0);
    const kind = cardKind(card);
    if (kind !== "control:join") {
      if (nonEmpty && kind !== undefined) report(ptr(card.pointer, "joins"), `only Join cards have joins; this is a ${kind} card`);
      return;
    }
    for (const [input, list] of Object.entries(joins)) {
      if (!Array.isArray(list)) continue;
      for (const [i, item] of list.entries()) {
        const out = isObj(item) ? item.output : undefined;
        if (typeof out === "string" && !card.outputsByKey.has(out)) {
          report(ptr(card.pointer, "joins", input, i, "output"), `join output ${JSON.stringify(out)} is not an output of this card`);
        }
      }
    }
  },
};

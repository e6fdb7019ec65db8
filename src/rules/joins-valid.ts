import type { Rule } from "./types.js";
import { cardKind, entryAt, isObj, objAt, ptr, type Obj } from "./model.js";

export const joinsValid: Rule = {
  code: "FP127",
  slug: "joins-valid",
  severity: "error",
  description: "Only Join cards (control:join) have `joins`, and every `output` they name is an output of that card (G6).",
  visitCard(card, report) {
    const joins = objAt(card.raw, "joins");
    if (!joins) return;
    const kind = cardKind(card);
    if (kind !== "control:join") {
      if (kind !== undefined && hasNonEmptyList(joins))
        report(ptr(card.pointer, "joins"), `only Join cards have joins; this is a ${kind} card`);
      return;
    }
    for (const input in joins) {
      const list = Object.hasOwn(joins, input) ? joins[input] : undefined;
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        const out = isObj(item) ? item.output : undefined;
        if (typeof out === "string" && !entryAt(card.outputData, out)) {
          report(ptr(card.pointer, "joins", input, i, "output"), `join output ${JSON.stringify(out)} is not an output of this card`);
        }
      }
    }
  },
};

function hasNonEmptyList(joins: Obj): boolean {
  for (const k in joins) {
    const v = Object.hasOwn(joins, k) ? joins[k] : undefined;
    if (Array.isArray(v) && v.length > 0) return true;
  }
  return false;
}

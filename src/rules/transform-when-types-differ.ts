import type { Rule } from "./types.js";
import { isObj, own, pinsOf, ptr } from "./model.js";

export const transformWhenTypesDiffer: Rule = {
  code: "FP140",
  slug: "transform-when-types-differ",
  severity: "error",
  description: "A pin carries a transform exactly when its source and target differ in primitive type or collection flag (an object schema counts as object) (§5.4). Checked in top-level flows, where it is measured on every pin.",
  visitCard(card, report) {
    if (card.scope.inline) return;
    for (const p of pinsOf(card)) {
      if (!isObj(p.pin) || !Object.hasOwn(p.pin, "transform")) continue;
      const src = card.outputsByKey.get(p.output)?.value;
      const input = p.pin.input;
      const dst = typeof input === "string" ? card.scope.byUuid.get(p.target)?.inputsByKey.get(input)?.value : undefined;
      if (!src || !dst) continue;
      const a = shape(src);
      const b = shape(dst);
      if (a === undefined || b === undefined) continue;
      const has = isObj(p.pin.transform);
      if ((a !== b) !== has) {
        report(ptr(p.pointer, "transform"), has ? `a pin from ${a} to ${b} needs no transform` : `a pin from ${a} to ${b} needs a transform (automatic conversion)`);
      }
    }
  },
};

function shape(value: Record<string, unknown>): string | undefined {
  const t = own(value, "type");
  const prim = isObj(t) ? "object" : typeof t === "string" ? t : undefined;
  if (prim === undefined) return undefined;
  return own(value, "collection") === true ? `${prim}[]` : prim;
}

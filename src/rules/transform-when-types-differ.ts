import type { Rule } from "./types.js";
import { entryAt, isObj, own, ptr, type Obj } from "./model.js";

export const transformWhenTypesDiffer: Rule = {
  code: "FP140",
  slug: "transform-when-types-differ",
  severity: "error",
  description:
    "A pin carries a transform exactly when its source and target differ in primitive type or collection flag (an object schema counts as object) (§5.4). Checked in top-level flows, where it is measured on every pin.",
  visitCard(card, report) {
    if (card.scope.inline) return;
    for (const p of card.pins) {
      if (!isObj(p.pin) || !Object.hasOwn(p.pin, "transform")) continue;
      const input = p.pin.input;
      const target = typeof input === "string" ? card.scope.byUuid.get(p.target) : undefined;
      const src = entryAt(entryAt(card.outputData, p.output), "value");
      const dst = target && typeof input === "string" ? entryAt(entryAt(target.inputData, input), "value") : undefined;
      if (!src || !dst) continue;
      const a = primitive(src);
      const b = primitive(dst);
      if (a === undefined || b === undefined) continue;
      const aList = isList(src);
      const bList = isList(dst);
      const differ = aList === bList ? a !== b : shape(a, aList) !== shape(b, bList);
      const has = isObj(p.pin.transform);
      if (differ !== has) {
        const from = shape(a, aList);
        const to = shape(b, bList);
        report(
          ptr(p.pointer, "transform"),
          has ? `a pin from ${from} to ${to} needs no transform` : `a pin from ${from} to ${to} needs a transform (automatic conversion)`,
        );
      }
    }
  },
};

/** The value's type name; an object schema counts as `object`. Undefined when the type is malformed. */
function primitive(value: Obj): string | undefined {
  const t = own(value, "type");
  return isObj(t) ? "object" : typeof t === "string" ? t : undefined;
}

function isList(value: Obj): boolean {
  return own(value, "collection") === true;
}

/** `string`, `number[]`…: what is compared, built only to compare odd type names or to report. */
function shape(primitive: string, list: boolean): string {
  return list ? `${primitive}[]` : primitive;
}

import type { Rule } from "./types.js";
import { entryAt, entryPointer, hasNoKeys, isObj, ptr, type CardView } from "./model.js";
import { show } from "./_helpers.js";

export const pinnedInputDefault: Rule = {
  code: "FP205",
  slug: "pinned-input-default",
  severity: "warning",
  description: 'A pinned input keeps a type default as its data ("", null, {}, [], 0 or false): a constant there is ignored.',
  check({ index }, report) {
    const reported = new Map<CardView, Set<string>>(); // target card → its inputs already reported
    for (const card of index.cards) {
      for (const p of card.pins) {
        const input = isObj(p.pin) ? p.pin.input : undefined;
        const target = card.scope.byUuid.get(p.target);
        if (typeof input !== "string" || !target) continue;
        const value = entryAt(entryAt(target.inputData, input), "value");
        if (!value || !Object.hasOwn(value, "data") || reported.get(target)?.has(input)) continue;
        const data = value.data;
        if (!isDefault(data)) {
          const done = reported.get(target);
          if (done) done.add(input);
          else reported.set(target, new Set([input]));
          report(
            ptr(entryPointer(target, "inputs", input), "value", "data"),
            `input is pinned but also holds the constant ${show(data)}, which is ignored`,
          );
        }
      }
    }
  },
};

function isDefault(x: unknown): boolean {
  return x === "" || x === null || x === 0 || x === false || (Array.isArray(x) && x.length === 0) || (isObj(x) && hasNoKeys(x));
}

import type { Rule } from "./types.js";
import { isObj, pinsOf, ptr } from "./model.js";
import { issue, show } from "./_helpers.js";

export const pinnedInputDefault: Rule = {
  code: "FP205",
  slug: "pinned-input-default",
  severity: "warning",
  description: "A pinned input keeps a type default as its data (\"\", null, {}, [], 0 or false): a constant there is ignored.",
  *check({ index }) {
    const reported = new Set<string>();
    for (const card of index.cards) {
      for (const p of pinsOf(card)) {
        const input = isObj(p.pin) ? p.pin.input : undefined;
        const target = card.scope.byUuid.get(p.target);
        const entry = typeof input === "string" ? target?.inputsByKey.get(input) : undefined;
        if (!entry?.value || !Object.hasOwn(entry.value, "data") || reported.has(entry.pointer)) continue;
        const data = entry.value.data;
        if (!isDefault(data)) {
          reported.add(entry.pointer);
          yield issue(ptr(entry.pointer, "value", "data"), `input is pinned but also holds the constant ${show(data)}, which is ignored`);
        }
      }
    }
  },
};

function isDefault(x: unknown): boolean {
  return x === "" || x === null || x === 0 || x === false || (Array.isArray(x) && x.length === 0) || (isObj(x) && Object.keys(x).length === 0);
}

import type { Rule } from "./types.js";
import { cardKind, isObj, pinsOf, ptr, type PinView } from "./model.js";
import { issue } from "./_helpers.js";

export const singlePinPerInput: Rule = {
  code: "FP136",
  slug: "single-pin-per-input",
  severity: "error",
  description: "An input receives at most one pin, except the inputs of Join cards (one pin per branch).",
  *check({ index }) {
    for (const scope of index.scopes) {
      const seen = new Map<string, PinView>();
      for (const card of scope.cards) {
        for (const p of pinsOf(card)) {
          const target = scope.byUuid.get(p.target);
          const input = isObj(p.pin) ? p.pin.input : undefined;
          if (!target || typeof input !== "string" || cardKind(target) === "control:join") continue;
          const key = p.target + "\u0000" + input;
          const first = seen.get(key);
          if (first !== undefined) yield issue(ptr(p.pointer, "input"), `input ${JSON.stringify(input)} of card ${JSON.stringify(p.target)} is already pinned (at ${first.pointer})`);
          else seen.set(key, p);
        }
      }
    }
  },
};

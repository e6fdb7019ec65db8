import type { Rule } from "./types.js";
import { cardKind, isObj, ptr, type PinView } from "./model.js";

export const singlePinPerInput: Rule = {
  code: "FP136",
  slug: "single-pin-per-input",
  severity: "error",
  description: "An input receives at most one pin, except the inputs of Join cards (one pin per branch).",
  check({ index }, report) {
    for (const scope of index.scopes) {
      // target uuid → input → first pin into it
      const seen = new Map<string, Map<string, PinView>>();
      for (const card of scope.cards) {
        for (const p of card.pins) {
          const target = scope.byUuid.get(p.target);
          const input = isObj(p.pin) ? p.pin.input : undefined;
          if (!target || typeof input !== "string" || cardKind(target) === "control:join") continue;
          let inputs = seen.get(p.target);
          if (!inputs) seen.set(p.target, (inputs = new Map()));
          const first = inputs.get(input);
          if (first !== undefined)
            report(
              ptr(p.pointer, "input"),
              `input ${JSON.stringify(input)} of card ${JSON.stringify(p.target)} is already pinned (at ${first.pointer})`,
            );
          else inputs.set(input, p);
        }
      }
    }
  },
};

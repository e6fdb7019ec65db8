import type { Rule } from "./types.js";
import { isObj, pinsOf, ptr } from "./model.js";

export const pinsResolve: Rule = {
  code: "FP124",
  slug: "pins-resolve",
  severity: "error",
  description: "A pin starts at an output of its card and ends at an input of a card in the same scope (G3).",
  visitCard(card, report) {
    const reportedOutputs = new Set<string>();
    const reportedTargets = new Set<string>();
    for (const p of pinsOf(card)) {
      if (!card.outputsByKey.has(p.output)) {
        if (!reportedOutputs.has(p.output)) report(ptr(card.pointer, "pins", p.output), `pin source ${JSON.stringify(p.output)} is not an output of this card`);
        reportedOutputs.add(p.output);
        continue;
      }
      const target = card.scope.byUuid.get(p.target);
      if (!target) {
        const key = p.output + "\u0000" + p.target;
        if (!reportedTargets.has(key)) report(ptr(card.pointer, "pins", p.output, p.target), `pin target ${JSON.stringify(p.target)} is not a card of this scope`);
        reportedTargets.add(key);
        continue;
      }
      const input = isObj(p.pin) ? p.pin.input : undefined;
      if (typeof input === "string" && !target.inputsByKey.has(input)) {
        report(ptr(p.pointer, "input"), `pin goes to input ${JSON.stringify(input)}, which card ${JSON.stringify(p.target)} does not have`);
      }
    }
  },
};

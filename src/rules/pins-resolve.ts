import type { Rule } from "./types.js";
import { entryAt, isObj, ptr } from "./model.js";

export const pinsResolve: Rule = {
  code: "FP124",
  slug: "pins-resolve",
  severity: "error",
  description: "A pin starts at an output of its card and ends at an input of a card in the same scope (G3).",
  visitCard(card, report) {
    const pins = card.pins;
    for (let i = 0; i < pins.length; i++) {
      const p = pins[i]!;
      const previous = i > 0 ? pins[i - 1] : undefined; // pins are grouped by output, then by target
      if (!entryAt(card.outputData, p.output)) {
        if (previous?.output !== p.output)
          report(ptr(card.pointer, "pins", p.output), `pin source ${JSON.stringify(p.output)} is not an output of this card`);
        continue;
      }
      const target = card.scope.byUuid.get(p.target);
      if (!target) {
        if (previous?.output !== p.output || previous.target !== p.target)
          report(ptr(card.pointer, "pins", p.output, p.target), `pin target ${JSON.stringify(p.target)} is not a card of this scope`);
        continue;
      }
      const input = isObj(p.pin) ? p.pin.input : undefined;
      if (typeof input === "string" && !entryAt(target.inputData, input)) {
        report(ptr(p.pointer, "input"), `pin goes to input ${JSON.stringify(input)}, which card ${JSON.stringify(p.target)} does not have`);
      }
    }
  },
};

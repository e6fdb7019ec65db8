import type { Rule } from "./types.js";
import { entryAt, entryPointer, own, ptr } from "./model.js";

export const optionFlags: Rule = {
  code: "FP134",
  slug: "option-flags",
  severity: "error",
  description: "An input has flags \"p\" (an option) exactly when its group is \"parameters\"; every other input is \"d\" (E3).",
  visitCard(card, report) {
    const inputs = card.inputData;
    for (const key in inputs) {
      const e = entryAt(inputs, key);
      const flags = own(e, "flags");
      if (flags !== "p" && flags !== "d") continue;
      const isParam = own(e, "group") === "parameters";
      if ((flags === "p") !== isParam) {
        report(ptr(entryPointer(card, "inputs", key), "flags"), isParam ? `an option (group "parameters") has flags "p", not "d"` : `flags "p" is only for options (group "parameters"); this input needs "d"`);
      }
    }
  },
};

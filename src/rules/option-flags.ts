import type { Rule } from "./types.js";
import { entryPointer, own, ptr } from "./model.js";

export const optionFlags: Rule = {
  code: "FP134",
  slug: "option-flags",
  severity: "error",
  description: 'An input has flags "p" (an option) exactly when its group is "parameters"; every other input is "d" (E3).',
  visitEntry(e, report) {
    if (e.side !== "inputs") return;
    const flags = own(e.raw, "flags");
    if (flags !== "p" && flags !== "d") return;
    const isParam = own(e.raw, "group") === "parameters";
    if ((flags === "p") !== isParam) {
      report(
        ptr(entryPointer(e.card, e.side, e.key), "flags"),
        isParam
          ? `an option (group "parameters") has flags "p", not "d"`
          : `flags "p" is only for options (group "parameters"); this input needs "d"`,
      );
    }
  },
};

import type { Report, Rule, RuleContext } from "./types.js";
import { entryAt, entryPointer, objAt, own, ptr, type CardView, type Obj, type Side } from "./model.js";

export const helperFlowRefs: Rule = {
  code: "FP110",
  slug: "helper-flow-refs",
  severity: "error",
  description: "A `flo`-typed entry whose data is a non-empty string names a flow of the pack (helper-flow call, X3).",
  visitCard(card, report, ctx) {
    checkSide(card, "inputs", card.inputData, report, ctx);
    checkSide(card, "outputs", card.outputData, report, ctx);
  },
};

function checkSide(card: CardView, side: Side, entries: Obj | undefined, report: Report, { index }: RuleContext): void {
  for (const key in entries) {
    const value = objAt(entryAt(entries, key), "value");
    if (own(value, "type") !== "flo") continue;
    const target = own(value, "data");
    if (typeof target === "string" && target !== "" && !index.flos.has(target)) {
      report(ptr(entryPointer(card, side, key), "value", "data"), `helper flow ${JSON.stringify(target)} is not in data.flos`);
    }
  }
}

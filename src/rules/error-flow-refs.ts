import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";

export const errorFlowRefs: Rule = {
  code: "FP111",
  slug: "error-flow-refs",
  severity: "error",
  description: "An error policy that runs a helper flow (`policy.error.flo` a string) names a flow of the pack (X4).",
  visitCard(card, report, { index }) {
    const flo = own(objAt(objAt(card.model, "policy"), "error"), "flo");
    if (typeof flo === "string" && !index.flos.has(flo)) {
      report(ptr(card.pointer, "node", "model", "policy", "error", "flo"), `error-handler flow ${JSON.stringify(flo)} is not in data.flos`);
    }
  },
};

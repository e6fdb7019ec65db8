import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const addressGrammar: Rule = {
  code: "FP128",
  slug: "address-grammar",
  severity: "error",
  description: "A card address is root:kernel:<module>:0.0.1:<key> or root:channels:http:<connector>:<x.y.z>:<key> (M1, M7).",
  visitCard(card, report) {
    if (card.address !== undefined && !card.parsed) {
      report(
        ptr(card.pointer, "address"),
        `address ${JSON.stringify(card.address)} is neither root:kernel:<module>:0.0.1:<key> nor root:channels:http:<connector>:<version>:<key>`,
      );
    }
  },
};

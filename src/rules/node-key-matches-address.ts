import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const nodeKeyMatchesAddress: Rule = {
  code: "FP131",
  slug: "node-key-matches-address",
  severity: "error",
  description: "`node.key` and `node.model.key` equal the last segment of the card address (M4).",
  visitCard(card, report) {
    if (!card.parsed) return;
    const key = card.parsed.key;
    const node = objAt(card.raw, "node");
    if (node && own(node, "key") !== key)
      report(ptr(card.pointer, "node", "key"), `node.key is ${show(own(node, "key"))}; the address ends in ${JSON.stringify(key)}`);
    if (card.model && own(card.model, "key") !== key)
      report(
        ptr(card.pointer, "node", "model", "key"),
        `model.key is ${show(own(card.model, "key"))}; the address ends in ${JSON.stringify(key)}`,
      );
  },
};

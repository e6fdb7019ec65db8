import type { Rule } from "./types.js";
import { checkKeyOrder } from "./_helpers.js";

const CARD_KEYS = ["joins", "address", "parents", "uuid", "branches", "node", "pins"] as const;

export const cardKeyOrder: Rule = {
  code: "FP129",
  slug: "card-key-order",
  severity: "error",
  description: "A card has the keys joins, address, parents, uuid, branches, node, pins, in that order, and no others (M2).",
  visitCard(card, report) {
    checkKeyOrder(card.raw, CARD_KEYS, card, "card", report);
  },
};

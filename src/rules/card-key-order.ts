import type { Rule } from "./types.js";
import { keyOrderIssues } from "./_helpers.js";

const CARD_KEYS = ["joins", "address", "parents", "uuid", "branches", "node", "pins"] as const;

export const cardKeyOrder: Rule = {
  code: "FP129",
  slug: "card-key-order",
  severity: "error",
  description: "A card has the keys joins, address, parents, uuid, branches, node, pins, in that order, and no others (M2).",
  *check({ index }) {
    for (const card of index.cards) yield* keyOrderIssues(card.raw, CARD_KEYS, card.pointer, "card");
  },
};

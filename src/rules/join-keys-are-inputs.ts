import type { Rule } from "./types.js";
import { cardKind, objAt, ptr } from "./model.js";
import { issue } from "./_helpers.js";

export const joinKeysAreInputs: Rule = {
  code: "FP202",
  slug: "join-keys-are-inputs",
  severity: "warning",
  description: "Every key of a Join card's `joins` is one of its inputs (stale keys mapped to [] occur in real exports).",
  *check({ index }) {
    for (const card of index.cards) {
      if (cardKind(card) !== "control:join") continue;
      const joins = objAt(card.raw, "joins");
      if (!joins) continue;
      for (const k of Object.keys(joins)) {
        if (!card.inputsByKey.has(k)) yield issue(ptr(card.pointer, "joins", k), `joins key ${JSON.stringify(k)} is not an input of this Join card (stale)`);
      }
    }
  },
};

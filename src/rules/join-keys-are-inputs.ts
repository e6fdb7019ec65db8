import type { Rule } from "./types.js";
import { cardKind, entryAt, objAt, ptr } from "./model.js";

export const joinKeysAreInputs: Rule = {
  code: "FP202",
  slug: "join-keys-are-inputs",
  severity: "warning",
  description: "Every key of a Join card's `joins` is one of its inputs (stale keys mapped to [] occur in real exports).",
  visitCard(card, report) {
    if (cardKind(card) !== "control:join") return;
    const joins = objAt(card.raw, "joins");
    for (const k in joins) {
      if (Object.hasOwn(joins, k) && !entryAt(card.inputData, k))
        report(ptr(card.pointer, "joins", k), `joins key ${JSON.stringify(k)} is not an input of this Join card (stale)`);
    }
  },
};

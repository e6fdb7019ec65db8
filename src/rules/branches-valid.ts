import type { Rule } from "./types.js";
import { cardKind, hasNoKeys, objAt, ptr } from "./model.js";

export const branchesValid: Rule = {
  code: "FP126",
  slug: "branches-valid",
  severity: "error",
  description: "Only If cards (control:if) have `branches`, and each branch names a noop card of the same scope (G5).",
  visitCard(card, report) {
    const branches = objAt(card.raw, "branches");
    if (!branches || hasNoKeys(branches)) return;
    const kind = cardKind(card);
    if (kind !== "control:if") {
      if (kind !== undefined) report(ptr(card.pointer, "branches"), `only If cards have branches; this is a ${kind} card`);
      return;
    }
    for (const head in branches) {
      if (!Object.hasOwn(branches, head)) continue;
      const target = card.scope.byUuid.get(head);
      if (!target) report(ptr(card.pointer, "branches", head), `branch head ${JSON.stringify(head)} is not a card of this scope`);
      else if (cardKind(target) !== "control:noop")
        report(
          ptr(card.pointer, "branches", head),
          `branch head ${JSON.stringify(head)} is a ${cardKind(target) ?? "malformed"} card, not a noop`,
        );
    }
  },
};

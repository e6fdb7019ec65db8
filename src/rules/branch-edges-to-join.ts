import type { Rule } from "./types.js";
import { cardKind, objAt, ptr, type CardView, type ScopeView } from "./model.js";

export const branchEdgesToJoin: Rule = {
  code: "FP212",
  slug: "branch-edges-to-join",
  severity: "warning",
  description: "Every card of an If/Else branch, the noop head included, has an ordering to the branch's Join card.",
  check({ index }, report) {
    for (const scope of index.scopes) {
      if (!scope.cards.some((c) => cardKind(c) === "control:if")) continue;
      const next = new Map<string, string[]>();
      for (const e of scope.edges) {
        if (typeof e.from !== "string" || typeof e.to !== "string" || e.from === e.to) continue;
        const list = next.get(e.from);
        if (list) list.push(e.to);
        else next.set(e.from, [e.to]);
      }
      for (const card of scope.cards) {
        const branches = objAt(card.raw, "branches");
        if (cardKind(card) !== "control:if" || !branches) continue;
        for (const head of Object.keys(branches)) {
          // Walk the branch chain from its head, stopping at Join cards.
          const chain: CardView[] = [];
          const seen = new Set<string>();
          const todo = [head];
          while (todo.length > 0) {
            const u = todo.pop()!;
            const c = scope.byUuid.get(u);
            if (!c || seen.has(u) || isJoin(scope, u)) continue;
            seen.add(u);
            chain.push(c);
            for (const t of next.get(u) ?? []) todo.push(t);
          }
          const joins = new Set(chain.flatMap((c) => (next.get(c.uuid!) ?? []).filter((u) => isJoin(scope, u))));
          if (joins.size !== 1) {
            report(
              ptr(card.pointer, "branches", head),
              joins.size === 0 ? "branch has no ordering to a Join card" : "branch leads to more than one Join card",
            );
            continue;
          }
          const join = [...joins][0]!;
          for (const c of chain) {
            if (!(next.get(c.uuid!) ?? []).includes(join))
              report(ptr(c.pointer, "uuid"), `card in an If/Else branch has no ordering to the branch's Join ${JSON.stringify(join)}`);
          }
        }
      }
    }
  },
};

function isJoin(scope: ScopeView, uuid: string): boolean {
  const c = scope.byUuid.get(uuid);
  return c !== undefined && cardKind(c) === "control:join";
}

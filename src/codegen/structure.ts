/**
 * The structured view of one flow scope, derived from the IR's storage order and orderings: which card is
 * the root, in which order the cards are written (execution order: a walk from the root along branches and
 * edges, a join only once all its predecessors are written, then whatever the walk did not reach, in storage
 * order), and for each card the control-flow edge the `f.add` call itself makes.
 */
import type { IrCard, IrScope } from "../ir/types.js";

const COMMENT = "root:kernel:control:0.0.1:comment";

export interface ScopePlan {
  root: IrCard | undefined;
  /** Cards other than the root, in the order they are written. */
  order: IrCard[];
  /**
   * For each written card: the edge `f.add` makes (`"cursor"`: from the previous chain card; a card ref: from
   * that card via `after`; null: none, `after: null`).
   */
  placement: Map<string, "cursor" | string | null>;
  /** Edges not made by a placement, in storage order: written as `f.edge(a, b)`. */
  edges: Array<[string, string]>;
}

export function planScope(scope: IrScope): ScopePlan {
  const byRef = new Map(scope.cards.map((c) => [c.ref, c]));
  const heads = new Set(scope.cards.flatMap((c) => c.branches.map((b) => b.head)));
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const [a, b] of scope.orderings) {
    if (!byRef.has(a) || !byRef.has(b)) continue;
    if (a !== b) (incoming.get(b) ?? incoming.set(b, []).get(b)!).push(a);
    (outgoing.get(a) ?? outgoing.set(a, []).get(a)!).push(b);
  }
  const root = scope.cards.find((c) => !incoming.has(c.ref) && !heads.has(c.ref) && c.address !== COMMENT);

  const visited = new Set<string>();
  const order: IrCard[] = [];
  const ready = (ref: string): boolean => (incoming.get(ref) ?? []).every((p) => visited.has(p) || p === ref);
  const waiting: string[] = [];
  const visit = (ref: string, force: boolean): void => {
    const stack: Array<{ ref: string; force: boolean }> = [{ ref, force }];
    while (stack.length > 0) {
      const { ref: r, force: fo } = stack.pop()!;
      if (visited.has(r)) continue;
      if (!fo && !ready(r)) {
        waiting.push(r);
        continue;
      }
      visited.add(r);
      const card = byRef.get(r)!;
      if (card !== root) order.push(card);
      const next = [...card.branches.map((b) => b.head), ...(outgoing.get(r) ?? [])].filter((n) => n !== r && byRef.has(n));
      for (let i = next.length - 1; i >= 0; i--) stack.push({ ref: next[i]!, force: false });
      // A join whose last predecessor was just written comes right after it.
    }
  };
  const drain = (): void => {
    for (let progress = true; progress; ) {
      progress = false;
      for (const w of [...waiting]) {
        if (!visited.has(w) && ready(w)) {
          waiting.splice(waiting.indexOf(w), 1);
          visit(w, false);
          progress = true;
        }
      }
    }
  };
  if (root) visit(root.ref, true);
  drain();
  for (const card of scope.cards) {
    if (visited.has(card.ref)) continue;
    drain();
    if (!visited.has(card.ref)) visit(card.ref, true);
  }
  drain();
  for (const w of waiting) if (!visited.has(w)) visit(w, true);

  // Which edge each f.add makes: from the cursor when that edge exists, else from another placed card.
  const remaining = scope.orderings.map(([a, b], i) => ({ a, b, i, used: false }));
  const placement = new Map<string, "cursor" | string | null>();
  const placed = new Set<string>(root ? [root.ref] : []);
  let cursor: string | undefined = root?.ref;
  for (const card of order) {
    const candidates = remaining.filter((e) => !e.used && e.b === card.ref && e.a !== e.b && placed.has(e.a));
    const fromCursor = candidates.find((e) => e.a === cursor);
    const chosen = fromCursor ?? candidates[0];
    if (chosen) {
      chosen.used = true;
      placement.set(card.ref, fromCursor ? "cursor" : chosen.a);
      cursor = card.ref;
    } else {
      placement.set(card.ref, null);
    }
    placed.add(card.ref);
  }
  const edges = remaining.filter((e) => !e.used).map((e): [string, string] => [e.a, e.b]);
  return { root, order, placement, edges };
}

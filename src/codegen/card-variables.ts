/**
 * Card variables: which cards get one (something refers to them), their names in execution order, which are
 * hoisted (`let` at the top of the flow, because a link reaches them from where their own scope is not
 * visible), and the statement that places a card (`const x = ...`, `x = ...` when hoisted, or a bare call).
 */
import { ts } from "ts-morph";
import type { FlowContext } from "./flow-context.js";

const f = ts.factory;

/** Names the cards that are referred to, and marks those reached from outside their scope as hoisted. */
export function nameCardVariables(w: FlowContext): void {
  const { scopes, cardsByRef, folded, wormholes } = w.index;
  const want = new Set<string>();
  for (const s of scopes) {
    for (const [a, b] of s.plan.edges) want.add(a).add(b);
    for (const p of s.plan.placement.values()) if (p !== null && p !== "cursor") want.add(p);
    for (const card of s.scope.cards) {
      for (const pin of card.pins) want.add(card.ref).add(pin.target);
      if (card.branches.length > 0 && !folded.has(card.ref)) {
        want.add(card.ref);
        for (const b of card.branches) want.add(b.head);
      }
      for (const x of [...card.extraInputs, ...card.extraOutputs]) {
        if (wormholes.elided.has(x)) continue;
        const l = x.links;
        if (l?.wormholeMethodId && "ref" in l.wormholeMethodId) want.add(l.wormholeMethodId.ref);
        if (l?.srcMethodId && "ref" in l.srcMethodId) want.add(l.srcMethodId.ref);
        if (l?.srcOutputId && "card" in l.srcOutputId) want.add(l.srcOutputId.card);
        if (l?.method && "ref" in l.method) want.add(l.method.ref);
        if (l?.keyOf) want.add(l.keyOf.card);
      }
      for (const v of [...card.inputValues, ...card.extraInputs]) {
        if (v.value.kind === "json") for (const d of v.value.ids ?? []) if ("ref" in d.card) want.add(d.card.ref);
      }
    }
  }
  // Link targets not in lexical scope where the link is written are hoisted (`let`, assigned when placed).
  const hoistUnlessVisible = (ref: string, from: number): void => {
    if (cardsByRef.has(ref) && !w.index.visibleFrom(ref, from)) w.vars.hoisted.add(ref);
  };
  for (const s of scopes) {
    for (const card of s.scope.cards) {
      const evalScope = card === s.plan.root && s.parent !== undefined ? s.parent : s.id;
      for (const x of [...card.extraInputs, ...card.extraOutputs]) {
        if (wormholes.elided.has(x)) continue;
        const l = x.links;
        for (const target of [l?.wormholeMethodId, l?.srcMethodId, l?.method, l?.keyOf ? { ref: l.keyOf.card } : undefined]) {
          if (target && "ref" in target) hoistUnlessVisible(target.ref, evalScope);
        }
      }
      for (const v of [...card.inputValues, ...card.extraInputs]) {
        if (v.value.kind !== "json") continue;
        for (const d of v.value.ids ?? []) if ("ref" in d.card) hoistUnlessVisible(d.card.ref, evalScope);
      }
    }
  }
  // Names in execution order, so that a file reads top-down.
  for (const s of scopes) {
    const ordered = [...(s.plan.root ? [s.plan.root] : []), ...s.plan.order];
    for (const card of ordered)
      if (want.has(card.ref) && cardsByRef.has(card.ref)) w.vars.setName(card.ref, w.file.names.take(card.name, "card"));
  }
}

/** The statement placing a card: into its variable when it has one (assigned when hoisted), else the call alone. */
export function cardStatement(w: FlowContext, ref: string, expr: ts.Expression): ts.Statement {
  const v = w.vars.name(ref);
  if (!v) return f.createExpressionStatement(expr);
  if (w.vars.hoisted.has(ref))
    return f.createExpressionStatement(f.createBinaryExpression(f.createIdentifier(v), ts.SyntaxKind.EqualsToken, expr));
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(v, undefined, undefined, expr)], ts.NodeFlags.Const),
  );
}

/**
 * `let x: Card<unknown> = f.trigger;` per hoisted card: assigned where the card is placed (inside its inline
 * flow); until then it holds the trigger, so that lower, which reads links once everything is placed, never sees
 * an unset link.
 */
export function hoistedDeclarations(w: FlowContext): ts.Statement[] {
  return [...w.vars.hoisted].map((ref) =>
    f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList(
        [
          f.createVariableDeclaration(
            w.vars.name(ref)!,
            undefined,
            f.createTypeReferenceNode(w.file.useType("flocode", "Card"), [f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)]),
            f.createPropertyAccessExpression(f.createIdentifier("f"), "trigger"),
          ),
        ],
        ts.NodeFlags.Let,
      ),
    ),
  );
}

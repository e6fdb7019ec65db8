/**
 * Indexing, before anything is written: every scope of the flow (the top level, then each inline flow where it
 * is met), every card and how lower sees it (its model), and each scope's plan (root, execution order, If/Else
 * blocks folded into `ifElse`) made on the scope without the expand cards `f.expand` writes.
 */
import type { IrScope } from "../ir/types.js";
import { EXPAND_ADDRESS } from "../shapes/known-cards.js";
import { cardModel } from "./card-model.js";
import { flowFacts, foldableExpands, withoutFolded, type FlowFacts } from "./expand.js";
import type { FlowContext } from "./flow-context.js";
import { ifElseFolding } from "./if-else.js";
import { allSteps, planScope } from "./structure.js";

/** Indexes `body` (the flow's top level) and every scope inside it into `w.index`. */
export function planFlow(w: FlowContext, body: IrScope): void {
  let facts: FlowFacts | undefined;
  const index = (scope: IrScope, parent: number | undefined): void => {
    const { scopes, scopeById, scopeOfCard, cardsByRef, models, folded } = w.index;
    const id = scopes.length;
    for (const card of scope.cards) {
      scopeOfCard.set(card.ref, id);
      cardsByRef.set(card.ref, card);
      models.set(card.ref, cardModel(card, w.catalog));
    }
    scopeById.set(id, scope);
    facts ??= flowFacts(w.flow.body);
    const plan = planScope(withoutExpands(w, scope, facts), ifElseFolding(w, scope));
    scopes.push({ id, parent, plan, scope });
    for (const st of allSteps(plan.steps)) if (st.kind === "ifElse") folded.add(st.ifCard.ref);
    for (const card of scope.cards) {
      for (const v of [...card.inputValues, ...card.outputValues]) if (v.value.kind === "inline") index(v.value.scope, id);
      for (const x of [...card.extraInputs, ...card.extraOutputs]) if (x.value.kind === "inline") index(x.value.scope, id);
      if (card.policy.flo?.kind === "inline") index(card.policy.flo.scope, id);
    }
  };
  index(body, undefined);
}

/** Finds the expand cards `f.expand` writes (recorded in the index); the scope without them. */
function withoutExpands(w: FlowContext, scope: IrScope, facts: FlowFacts): IrScope {
  const folds = foldableExpands(scope, { model: (r) => w.model(r), defaultVariant: w.catalog.variants(EXPAND_ADDRESS)[0]?.variant, facts });
  const refs = new Set<string>();
  for (const [source, list] of folds) {
    w.index.expands.set(source, list);
    for (const x of list) {
      refs.add(x.card.ref);
      w.index.expandOf.set(x.card.ref, { fold: x, names: [] });
      w.pinsInPlace.add(x.inputPin);
    }
  }
  return withoutFolded(scope, refs);
}

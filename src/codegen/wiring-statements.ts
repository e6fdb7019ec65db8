/**
 * The wiring a scope's cards cannot say themselves, as statements that wait for their cards to be declared:
 * `b.edge(a, c)` for orderings the plan keeps, `b.branch(if, head, value)` for If/Else branches not written with
 * ifElse, `b.pin(src.$out("x"), target, "input", { convert })` for pins not written in place as refs.
 */
import { ts } from "ts-morph";
import type { IrCard, IrPin } from "../ir/types.js";
import { sameEntry } from "../shapes/entries.js";
import { outputKey, specKey } from "./card-model.js";
import { cardRefExpr, outRef } from "./card-refs.js";
import type { FlowContext, ScopeInfo } from "./flow-context.js";
import { literal, objectLiteral } from "./literal.js";

const f = ts.factory;

/** A statement written once every card it `needs` is declared; `make` gives undefined when there is nothing to say. */
export interface DeferredStatement {
  needs: string[];
  make: () => ts.Statement | undefined;
}

/** The deferred statements of a scope whose body is written with builder parameter `builder`. */
export function wiringStatements(w: FlowContext, info: ScopeInfo, builder: string): DeferredStatement[] {
  const out: DeferredStatement[] = [];
  const { cardsByRef, folded } = w.index;
  const b = (): ts.Identifier => f.createIdentifier(builder);
  for (const [a, c] of info.plan.edges) {
    if (!cardsByRef.has(a) || !cardsByRef.has(c)) {
      w.lossy.push(`an ordering edge points to a card that is not in the flow`);
      continue;
    }
    out.push({
      needs: [a, c],
      make: () =>
        f.createExpressionStatement(
          f.createCallExpression(f.createPropertyAccessExpression(b(), "edge"), undefined, [cardRefExpr(w, a), cardRefExpr(w, c)]),
        ),
    });
  }
  for (const card of info.scope.cards) {
    if (folded.has(card.ref)) continue;
    for (const br of card.branches) {
      if (!cardsByRef.has(br.head)) {
        w.lossy.push(`an If/Else branch points to a card that is not in the flow`);
        continue;
      }
      out.push({
        needs: [card.ref, br.head],
        make: () =>
          f.createExpressionStatement(
            f.createCallExpression(f.createPropertyAccessExpression(b(), "branch"), undefined, [
              cardRefExpr(w, card.ref),
              cardRefExpr(w, br.head),
              literal(br.value),
            ]),
          ),
      });
    }
  }
  for (const card of info.scope.cards) {
    for (const pin of card.pins) {
      out.push({ needs: [card.ref, pin.target], make: () => (w.pinsInPlace.has(pin) ? undefined : pinStatement(w, card, pin, b)?.()) });
    }
  }
  return out;
}

/** `b.pin(...)` for a pin, or undefined (and a lossy note) when its ends cannot be addressed. */
function pinStatement(w: FlowContext, source: IrCard, pin: IrPin, b: () => ts.Identifier): (() => ts.Statement) | undefined {
  const target = w.index.cardsByRef.get(pin.target);
  if (!target) {
    w.lossy.push(`a pin of ${JSON.stringify(source.name)} points to a card that is not in the flow`);
    return undefined;
  }
  const sm = w.model(source.ref);
  const tm = w.model(target.ref);
  const key = outputKey(sm.outputs, pin.output);
  const i = tm.inputs.findIndex((x) => sameEntry(x.ref, pin.input));
  const inputKey =
    i < 0
      ? undefined
      : specKey(
          tm.inputs.map((x) => x.entry),
          i,
        );
  if (key === undefined || inputKey === undefined || !outRef(w, source, pin.output)) {
    w.lossy.push(
      `a pin from ${JSON.stringify(source.name)} to ${JSON.stringify(target.name)} cannot be written (ambiguous or unknown entry)`,
    );
    return undefined;
  }
  return () => {
    const ref = outRef(w, source, pin.output)!;
    const opts: Array<[string, ts.Expression]> =
      pin.transform !== null && pin.transform.convert === undefined
        ? [["forceWrapArray", pin.transform.forceWrapArray ? f.createTrue() : f.createFalse()]]
        : [["convert", pin.transform?.convert !== undefined ? literal(pin.transform.convert) : f.createNull()]];
    if (pin.transform?.convert !== undefined && pin.transform.forceWrapArray) opts.push(["forceWrapArray", f.createTrue()]);
    return f.createExpressionStatement(
      f.createCallExpression(f.createPropertyAccessExpression(b(), "pin"), undefined, [
        ref,
        cardRefExpr(w, target.ref),
        literal(inputKey),
        objectLiteral(opts),
      ]),
    );
  };
}

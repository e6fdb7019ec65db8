/**
 * The `joins` of a Join card (FLOPACK.md §6.1): which of its outputs each input passes its value to, written by
 * spec key, with the conversion when the link has one.
 */
import { ts } from "ts-morph";
import type { IrCard } from "../ir/types.js";
import { sameEntry } from "../shapes/entries.js";
import { specKeyOf, type CardModel } from "./card-model.js";
import type { FlowContext } from "./flow-context.js";
import { literal, objectLiteral } from "./literal.js";

const f = ts.factory;

/** `{ input, outputs: [...] }` for one join of the card, or undefined when its input cannot be addressed. */
export function joinExpr(w: FlowContext, card: IrCard, m: CardModel, j: IrCard["joins"][number]): ts.Expression | undefined {
  const inKey = specKeyOf(m.inputs, (x) => sameEntry(x.ref, j.input));
  if (inKey === undefined) {
    w.lossy.push(`card ${JSON.stringify(card.name)}: a join input cannot be addressed`);
    return undefined;
  }
  const outs: ts.Expression[] = [];
  for (const l of j.links) {
    const key = specKeyOf(m.outputs, (x) => sameEntry(x.ref, l.output));
    if (key === undefined) {
      w.lossy.push(`card ${JSON.stringify(card.name)}: a join output cannot be addressed`);
      continue;
    }
    if (l.transform === null) outs.push(literal(key));
    else {
      const o: Array<[string, ts.Expression]> = [["output", literal(key)]];
      if (l.transform.convert !== undefined) o.push(["convert", literal(l.transform.convert)]);
      if (l.transform.forceWrapArray || l.transform.convert === undefined)
        o.push(["forceWrapArray", l.transform.forceWrapArray ? f.createTrue() : f.createFalse()]);
      outs.push(objectLiteral(o));
    }
  }
  return objectLiteral([
    ["input", literal(inKey)],
    ["outputs", f.createArrayLiteralExpression(outs, false)],
  ]);
}

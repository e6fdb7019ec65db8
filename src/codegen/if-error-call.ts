/**
 * An If Error card written as `b.ifError((g) => {...}, (g2) => {...}, options?)`, when `ifErrorPlan` (see
 * if-error.ts) says ifError gives it back exactly: each block's body, and as options what differs from
 * ifError's defaults (name, variant, custom fields, a block's start card or inline-flow shape).
 */
import { ts } from "ts-morph";
import type { IrCard } from "../ir/types.js";
import { cardSpec } from "./card-spec.js";
import { customField } from "./custom-fields.js";
import type { FlowContext, ScopeInfo } from "./flow-context.js";
import { ifErrorPlan, type IfErrorBlockPlan } from "./if-error.js";
import { shapeChangesExpr } from "./inline-shape.js";
import { literal, objectLiteral, blockArrow } from "./literal.js";

const f = ts.factory;

/** Writes the statements of a scope's body with builder parameter `builder`. */
export type ScopeBodyWriter = (info: ScopeInfo, builder: string) => ts.Statement[];

/** `b.ifError(...)` for an If Error card of scope `info`, or undefined when it keeps the generic form. */
export function ifErrorCall(
  w: FlowContext,
  card: IrCard,
  info: ScopeInfo,
  b: ts.Identifier,
  writeBody: ScopeBodyWriter,
): ts.Expression | undefined {
  const plan = ifErrorPlan(card, {
    catalog: w.catalog,
    models: w.index.models,
    wormholes: w.index.wormholes,
    planOf: (scope) => w.index.infoOf(scope)?.plan,
    named: (ref) => w.vars.name(ref) !== undefined,
  });
  if (!plan) return undefined;
  const block = (p: IfErrorBlockPlan): { body: ts.Expression; options: Array<[string, ts.Expression]> } => {
    const inner = w.index.infoOf(p.scope)!;
    w.countCard();
    const options: Array<[string, ts.Expression]> = [];
    if (p.customStart) options.push(["start", cardSpec(w, p.start, info.id)]);
    if (p.shape) options.push(["shape", shapeChangesExpr(p.shape)]);
    const builder = w.nextBlockBuilder();
    const statements = w.vars.insideInlineFlow(() => {
      if (p.implicitReturn) w.countCard();
      const steps = p.implicitReturn ? inner.plan.steps.slice(0, -1) : inner.plan.steps;
      return writeBody({ ...inner, plan: { ...inner.plan, steps } }, builder);
    });
    return {
      body: blockArrow(builder, statements),
      options,
    };
  };
  const attempt = block(plan.attempt);
  const onError = block(plan.onError);
  const options: Array<[string, ts.Expression]> = [];
  if (plan.name !== undefined) options.push(["name", literal(plan.name)]);
  if (plan.variant !== undefined) options.push(["variant", literal(plan.variant)]);
  const m = w.model(card.ref);
  const why: string[] = [];
  const incoming = w.index.pinsInto(card);
  const customIn = card.extraInputs.flatMap((x, j) =>
    w.index.wormholes.elided.has(x) ? [] : [customField(w, card, m, "inputs", x, j, info.id, incoming, why)],
  );
  const customOut = card.extraOutputs.map((x, j) => customField(w, card, m, "outputs", x, j, info.id, [], why));
  if (customIn.length > 0) options.push(["customInputs", f.createArrayLiteralExpression(customIn, true)]);
  if (customOut.length > 0) options.push(["customOutputs", f.createArrayLiteralExpression(customOut, true)]);
  if (why.length > 0) w.raw.push({ card: card.name, address: card.address, why });
  if (attempt.options.length > 0) options.push(["attempt", objectLiteral(attempt.options, true)]);
  if (onError.options.length > 0) options.push(["onError", objectLiteral(onError.options, true)]);
  const args: ts.Expression[] = [attempt.body, onError.body];
  if (options.length > 0) args.push(objectLiteral(options, true));
  return f.createCallExpression(f.createPropertyAccessExpression(b, "ifError"), undefined, args);
}

/**
 * The body of a scope (the flow's top level or an inline flow): its root bound to `b.trigger`, then its steps in
 * execution order (`b.add(spec)`, `b.comment(...)`, `b.ifError(...)`, `b.ifElse(...)`, `f.expand` right after
 * the card it reads), each wiring statement as soon as the cards it needs are declared.
 */
import { ts } from "ts-morph";
import type { IrCard, IrScope, JsonObject } from "../ir/types.js";
import { shapeChanges, usualInlineShape } from "../shapes/inline-flow.js";
import { COMMENT_ADDRESS } from "../shapes/known-cards.js";
import { isObject } from "../util/json.js";
import { cardRefExpr, expandFieldNames, expandSourceExpr } from "./card-refs.js";
import { cardSpec } from "./card-spec.js";
import { cardStatement } from "./card-variables.js";
import { isBare } from "./entry-shapes.js";
import { expandStatement } from "./expand.js";
import type { FlowContext, ScopeInfo } from "./flow-context.js";
import { ifElseStatement } from "./if-else.js";
import { ifErrorCall } from "./if-error-call.js";
import { shapeChangesExpr } from "./inline-shape.js";
import { literal, objectLiteral, withLineComments, blockArrow } from "./literal.js";
import type { Step } from "./structure.js";
import { wiringStatements, type DeferredStatement } from "./wiring-statements.js";

const f = ts.factory;

/** Writes wiring statements whose cards are now all declared into `into`. */
type Flush = (into: ts.Statement[]) => void;

/** The statements of a scope's body, written with builder parameter `builder`. */
export function scopeBody(w: FlowContext, info: ScopeInfo, builder: string): ts.Statement[] {
  const out: ts.Statement[] = [];
  const b = f.createIdentifier(builder);
  const root = info.plan.root;
  const deferred = wiringStatements(w, info, builder);
  // Deferred statements wait on their cards: each is looked at again only when one of its cards is declared.
  const waiting = new Map<string, DeferredStatement[]>();
  const done = new Set<DeferredStatement>();
  for (const d of deferred) for (const r of new Set(d.needs)) (waiting.get(r) ?? waiting.set(r, []).get(r)!).push(d);
  const queue = w.vars.openScope();
  let seen = 0;
  const flush = (into: ts.Statement[] = out): void => {
    for (; seen < queue.length; seen++) {
      for (const d of waiting.get(queue[seen]!) ?? []) {
        if (done.has(d) || !d.needs.every((x) => w.vars.isDeclared(x))) continue;
        done.add(d);
        const stmt = d.make();
        if (stmt) into.push(stmt);
      }
    }
  };
  if (root) {
    if (w.vars.name(root.ref)) out.push(cardStatement(w, root.ref, f.createPropertyAccessExpression(b, "trigger")));
    w.vars.declare(root.ref);
    writeExpands(w, root.ref, b, out);
  }
  flush();
  writeSteps(w, info.plan.steps, info, b, out, flush);
  w.vars.closeScope();
  // A statement left waiting is lost only when it would write something (a pin already inlined writes nothing).
  for (const d of deferred.filter((x) => !done.has(x))) {
    if (d.make() !== undefined) w.lossy.push(`a statement needs cards that are never placed (${d.needs.join(", ")})`);
  }
  return out;
}

/** An inline flow as `inline(rootSpec, (g) => {...}, shape?)`, evaluated in scope `parentScope`. */
export function inlineFlowExpr(w: FlowContext, scope: IrScope, parentScope: number): ts.Expression {
  const info = w.index.infoOf(scope)!;
  const root = info.plan.root;
  if (!root) {
    w.lossy.push("an inline flow has no root card");
    return f.createNull();
  }
  w.countCard();
  const rootSpec = cardSpec(w, root, parentScope);
  const builder = w.nextBlockBuilder();
  const statements = w.vars.insideInlineFlow(() => scopeBody(w, info, builder));
  const args: ts.Expression[] = [rootSpec];
  args.push(blockArrow(builder, statements));
  const changes = scope.inline ? shapeChanges(scope.inline, usualInlineShape()) : undefined;
  if (changes) args.push(shapeChangesExpr(changes));
  return f.createCallExpression(w.file.use("flocode", "inline"), undefined, args);
}

/** Writes steps of scope `info` with builder `b` into `out`; `flush` writes deferred statements whose cards are now declared. */
function writeSteps(w: FlowContext, steps: readonly Step[], info: ScopeInfo, b: ts.Identifier, out: ts.Statement[], flush: Flush): void {
  for (const st of steps) {
    if (st.kind === "ifElse") {
      out.push(ifElseStatement(w, st, info.id, b, (inner, builder, into) => writeSteps(w, inner, info, builder, into, flush)));
      flush(out);
      continue;
    }
    const card = st.card;
    w.countCard();
    const placement = info.plan.placement.get(card.ref);
    const ifError = placement === "cursor" ? ifErrorCall(w, card, info, b, (inner, builder) => scopeBody(w, inner, builder)) : undefined;
    const spec = ifError || isPlainComment(w, card, placement) ? undefined : cardSpec(w, card, info.id);
    let call: ts.Expression;
    if (ifError) call = ifError;
    else if (spec === undefined) {
      const c = card.comments as JsonObject;
      call = f.createCallExpression(f.createPropertyAccessExpression(b, "comment"), undefined, [
        literal(c.markdown as string),
        literal(c.title as string),
      ]);
    } else {
      const args: ts.Expression[] = [spec];
      if (placement === null) args.push(objectLiteral([["after", f.createNull()]]));
      else if (placement !== "cursor" && placement !== undefined) args.push(objectLiteral([["after", cardRefExpr(w, placement)]]));
      call = f.createCallExpression(f.createPropertyAccessExpression(b, "add"), undefined, args);
    }
    let stmt = cardStatement(w, card.ref, call);
    if (card.address === COMMENT_ADDRESS && spec !== undefined && isObject(card.comments) && typeof card.comments.markdown === "string") {
      stmt = withLineComments(
        stmt,
        card.comments.markdown
          .split(/\r\n|\r|\n/)
          .filter((l) => l.trim() !== "")
          .slice(0, 3),
      );
    }
    out.push(stmt);
    w.vars.declare(card.ref);
    writeExpands(w, card.ref, b, out);
    flush(out);
  }
}

/** `const { a, b } = b.expand(source.output, {...})` for the folded expand cards of a card just placed. */
function writeExpands(w: FlowContext, ref: string, b: ts.Identifier, out: ts.Statement[]): void {
  for (const x of w.index.expands.get(ref) ?? []) {
    out.push(expandStatement(b, expandSourceExpr(w, x), x, expandFieldNames(w, x.card.ref)!));
    w.countCard();
    w.vars.declare(x.card.ref);
  }
}

/** A Comment card placed nowhere with only its title and text: written as `b.comment(text, title)`. */
function isPlainComment(w: FlowContext, card: IrCard, placement: "cursor" | string | null | undefined): boolean {
  if (card.address !== COMMENT_ADDRESS || placement !== null || w.vars.name(card.ref) !== undefined) return false;
  const c = card.comments;
  if (!isObject(c) || Object.keys(c).length !== 2 || typeof c.title !== "string" || typeof c.markdown !== "string") return false;
  const model = w.model(card.ref);
  const defaultVariant = w.catalog.variants(COMMENT_ADDRESS)[0];
  if (defaultVariant?.variant !== card.variant || card.name !== model.template.name) return false;
  const { comments: _text, ...rest } = card;
  return isBare(rest);
}

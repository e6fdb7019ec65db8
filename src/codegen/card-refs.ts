/**
 * References to cards and their outputs, as lower reads them back: a card's variable, `card.$out("key")`
 * (wrapped in `convert(...)` when the pin's conversion is not the automatic one), the variable `f.expand` read
 * a field into, the outer output a wormhole left to lower carries, and getters for cards not declared yet.
 */
import { ts } from "ts-morph";
import type { IrCard, IrEntryRef, IrLink, IrPin } from "../ir/types.js";
import { conversion } from "../shapes/conversion.js";
import { entryRefKey, sameEntry } from "../shapes/entries.js";
import { isObject, jsonEqual, type Json } from "../util/json.js";
import { outputKey, type CardModel } from "./card-model.js";
import { fieldName } from "./expand.js";
import type { FlowContext } from "./flow-context.js";
import { literal, objectLiteral } from "./literal.js";
import type { FoldedExpand } from "./expand.js";
import { outputAccess, type RefWant } from "./output-access.js";

const f = ts.factory;

export function cardRefExpr(w: FlowContext, ref: string): ts.Expression {
  const v = w.vars.name(ref);
  if (!v) throw new Error(`codegen: card ${ref} has no variable`);
  return f.createIdentifier(v);
}

/** `src.prop` / `src.$out("key")` (or `convert(...)` around it) when lower resolves it to exactly this pin. */
export function refExpr(
  w: FlowContext,
  source: IrCard,
  pin: IrPin,
  inputType: CardModel["inputs"][number]["type"],
  want?: RefWant,
): ts.Expression | undefined {
  const sm = w.model(source.ref);
  const key = outputKey(sm.outputs, pin.output);
  if (key === undefined) return undefined;
  const out = sm.outputs.find((o) => sameEntry(o.ref, pin.output))!;
  const ref = outRef(w, source, pin.output, want);
  if (!ref) return undefined;
  const auto = conversion(out.type, inputType);
  if (auto !== "incompatible" && jsonEqual(auto, pin.transform)) return ref;
  const wrapOnly = pin.transform !== null && pin.transform.convert === undefined;
  const args: ts.Expression[] = wrapOnly
    ? [ref, objectLiteral([["forceWrapArray", pin.transform!.forceWrapArray ? f.createTrue() : f.createFalse()]])]
    : [ref, pin.transform?.convert !== undefined ? literal(pin.transform.convert) : f.createNull()];
  if (!wrapOnly && pin.transform?.forceWrapArray) args.push(objectLiteral([["forceWrapArray", f.createTrue()]]));
  return f.createCallExpression(w.file.use("flocode", "convert"), undefined, args);
}

/**
 * An output of a card (`card.prop`, `card.$out("key")`, `card.$custom("key")`: output-access.ts), or the variable
 * `f.expand` read a folded expand card's field into; an exit of a wormhole left to lower is written as the outer
 * output it carries (lower passes it in again). Undefined when no key reaches the output.
 */
export function outRef(w: FlowContext, source: IrCard, output: IrEntryRef, want?: RefWant): ts.Expression | undefined {
  let card = source;
  let ref = output;
  for (let outer = w.index.wormholes.alias(card, ref); outer; outer = w.index.wormholes.alias(card, ref))
    ({ source: card, output: ref } = outer);
  const field = expandFieldName(w, card.ref, ref);
  if (field !== undefined) return f.createIdentifier(field);
  const key = outputKey(w.model(card.ref).outputs, ref);
  if (key === undefined) return undefined;
  return outputAccess(cardRefExpr(w, card.ref), w.typings.get(card.ref), ref, key, want);
}

/** An output by its `$out` key (for `idOf`, `keyOf`: any ref will do). */
export function outputRefExpr(w: FlowContext, cardRef: string, output: IrEntryRef, key: string): ts.Expression {
  return outputAccess(cardRefExpr(w, cardRef), w.typings.get(cardRef), output, key);
}

/** The variables a folded expand card's fields are read into (named on first use). */
export function expandFieldNames(w: FlowContext, card: string): string[] | undefined {
  const expand = w.index.expandOf.get(card);
  if (expand && expand.names.length === 0)
    expand.names = expand.fold.fields.map((field) => w.file.names.take(fieldName(field.path), "field"));
  return expand?.names;
}

/** The variable `f.expand` read a folded expand card's field into. */
function expandFieldName(w: FlowContext, card: string, output: IrEntryRef): string | undefined {
  const i = w.index.expandOf.get(card)?.fold.fields.findIndex((x) => sameEntry(x.value, output)) ?? -1;
  return i >= 0 ? expandFieldNames(w, card)![i] : undefined;
}

/** A card reference inside a spec that lower reads later (wormholes, sources): a getter when not declared yet. */
function lazyCardProp(w: FlowContext, prop: string, ref: string, fromScope: number): ts.ObjectLiteralElementLike {
  const v = w.vars.name(ref)!;
  if (w.vars.isDeclared(ref) && w.index.visibleFrom(ref, fromScope)) return f.createPropertyAssignment(prop, f.createIdentifier(v));
  if (!w.index.visibleFrom(ref, fromScope)) w.vars.hoisted.add(ref);
  const cardType = f.createTypeReferenceNode(w.file.useType("flocode", "Card"), [f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)]);
  return f.createGetAccessorDeclaration(
    undefined,
    prop,
    [],
    cardType,
    f.createBlock([f.createReturnStatement(f.createIdentifier(v))], false),
  );
}

/** A link of a custom field to a card (`wormhole`, `method`, `source.card`): a lazy card reference, or `{ dangling }`. */
export function linkProp(w: FlowContext, prop: string, link: IrLink, scope: number): ts.ObjectLiteralElementLike {
  if ("dangling" in link) return f.createPropertyAssignment(prop, objectLiteral([["dangling", literal(link.dangling)]]));
  if (!w.index.cardsByRef.has(link.ref)) return f.createPropertyAssignment(prop, objectLiteral([["dangling", literal(link.ref)]]));
  return lazyCardProp(w, prop, link.ref, scope);
}

/**
 * `card.$out("key")` where lower reads it later (`keyOf`, `idOf`): as it is when the card is declared and visible
 * here, else behind `() =>` (and hoisted when its scope is not visible from here).
 */
export function laterRef(w: FlowContext, ref: string, target: ts.Expression, scope: number): ts.Expression {
  const now = w.vars.isDeclared(ref) && w.index.visibleFrom(ref, scope);
  if (!w.index.visibleFrom(ref, scope)) w.vars.hoisted.add(ref);
  return now
    ? target
    : f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), target);
}

/**
 * The output an `f.expand` reads: its typed name when every path the expand takes exists in the type the card's
 * type gives it (an object schema: its fields; a plain object: any), else `$out` / `$custom`.
 */
export function expandSourceExpr(w: FlowContext, x: FoldedExpand): ts.Expression {
  const typing = w.typings.get(x.source.ref);
  const typed = typing?.props.get(entryRefKey(x.inputPin.output));
  const fits = typed !== undefined && x.fields.every((field) => typed.types.length === 1 && pathFits(typed.types[0]!.type, field.path));
  const usable = fits ? typing : typing && { props: new Map(), open: typing.open };
  return outputAccess(cardRefExpr(w, x.source.ref), usable, x.inputPin.output, x.outputKey);
}

/** Whether a path names fields of an object schema (a plain object or a field without a schema takes any path). */
function pathFits(type: Json, path: readonly string[]): boolean {
  if (!isObject(type)) return true;
  if (path.length === 0) return true;
  if (path.length > 4) return false;
  const field = type[path[0]!];
  if (!Object.hasOwn(type, path[0]!) || !isObject(field)) return false;
  if (path.length === 1) return true;
  return field.collection !== true && pathFits(field.type ?? "object", path.slice(1));
}

/**
 * How generated code reaches a card's output: by its typed name (`me.body`, `f.trigger.oktaUser`) wherever the
 * card's TypeScript type lists it, lower resolves that name back to exactly this output and the consumer takes
 * its type; else `card.$out("key")` on a card whose outputs are not typed (`card(...)`), else the explicit escape
 * `card.$custom("key")` (custom outputs, fields of a learned variant).
 *
 * Which names a card's type lists is recorded when its spec is written (`registerTyping`): a typed factory's
 * outputs, Compose's `output`, the trigger helper's outputs. A card not recorded is reached through `$custom`.
 */
import { ts } from "ts-morph";
import type { IrEntryRef, Json } from "../ir/types.js";
import type { ValueShape } from "../catalog/shape.js";
import { entryRefKey, normName, sameEntry } from "../shapes/entries.js";
import { isObject } from "../util/json.js";
import type { LoweredEntry } from "./card-model.js";
import { literal } from "./literal.js";

const f = ts.factory;

/** A typed name of an output and the TS types the card's type gives it. */
export interface TypedOutput {
  prop: string;
  types: readonly ValueShape[];
}

export interface OutputTyping {
  /** By `entryRefKey` of the output. */
  props: Map<string, TypedOutput>;
  /** `$out` takes any key: the card's outputs are not typed (`card(...)`, an If/Else's Join). */
  open: boolean;
}

/** What the consumer of a ref takes: the types it accepts (undefined: any), and the type argument for `$custom<T>`. */
export interface RefWant {
  types?: readonly ValueShape[];
  typeArg?: ts.TypeNode;
}

/**
 * The names among `named` that lower resolves back to their own output (lower's `findOutputOf`: the exact key,
 * "group/key", a typed factory's property name when `byFactory`, a key equal up to case and punctuation).
 */
export function outputTyping(
  outputs: readonly LoweredEntry[],
  named: ReadonlyArray<{ prop: string; group: string | null; key: string; types: readonly ValueShape[] }>,
  byFactory: boolean,
): OutputTyping {
  const props = new Map<string, TypedOutput>();
  for (const n of named) {
    const target = outputs.find((o) => o.ref.group === n.group && o.ref.key === n.key && !o.ref.nth);
    if (!target) continue;
    const resolved = resolveName(outputs, n.prop, byFactory ? named : undefined);
    if (resolved && sameEntry(resolved.ref, target.ref)) props.set(entryRefKey(target.ref), { prop: n.prop, types: n.types });
  }
  return { props, open: false };
}

/** Mirrors lower's `findOutputOf` (src/compile/lower/lowered-cards.ts) on a card model's outputs. */
function resolveName(
  outputs: readonly LoweredEntry[],
  name: string,
  factory: ReadonlyArray<{ prop: string; group: string | null; key: string }> | undefined,
): LoweredEntry | undefined {
  const exact = outputs.filter((o) => o.ref.key === name);
  if (exact.length === 1) return exact[0];
  const slash = name.indexOf("/");
  if (slash >= 0) {
    const inGroup = outputs.filter((o) => (o.ref.group ?? "") === name.slice(0, slash) && o.ref.key === name.slice(slash + 1));
    if (inGroup.length === 1) return inGroup[0];
  }
  if (exact.length > 1) return undefined;
  const meta = factory?.find((x) => x.prop === name);
  if (meta) {
    const byMeta = outputs.find((o) => o.ref.group === meta.group && o.ref.key === meta.key && !o.ref.nth);
    if (byMeta) return byMeta;
  }
  const norm = normName(name);
  const loose = outputs.filter((o) => normName(o.ref.key) === norm);
  return loose.length === 1 ? loose[0] : undefined;
}

/**
 * `card.prop`, `card.$out("key")` or `card.$custom("key")` for output `ref` of the card `cardExpr` names (`key`: what
 * `$out` / `$custom` take for it).
 */
export function outputAccess(
  cardExpr: ts.Expression,
  typing: OutputTyping | undefined,
  ref: IrEntryRef,
  key: string,
  want: RefWant = {},
): ts.Expression {
  const typed = typing?.props.get(entryRefKey(ref));
  if (typed && (want.types === undefined || accepts(want.types, typed.types)) && ts.isIdentifier(propName(typed.prop)))
    return f.createPropertyAccessExpression(cardExpr, typed.prop);
  const method = typing?.open && want.typeArg === undefined ? "$out" : "$custom";
  return f.createCallExpression(f.createPropertyAccessExpression(cardExpr, method), want.typeArg ? [want.typeArg] : undefined, [
    literal(key),
  ]);
}

/** Whether an expression reads an output as it is: `card.prop`, `card.$out("key")`, `card.$custom("key")`. */
export function isOutputAccess(e: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(e)) return true;
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ["$out", "$custom"].includes(e.expression.name.text);
}

function propName(prop: string): ts.Identifier | ts.StringLiteral {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(prop) ? f.createIdentifier(prop) : f.createStringLiteral(prop);
}

/**
 * Whether a ref typed as one of `source` fits a consumer taking one of `target` (the DSL's `Input<T>`: T, or a ref
 * of a type Okta converts to T, `Convertible<T>` in src/dsl/types.ts).
 */
export function accepts(target: readonly ValueShape[], source: readonly ValueShape[]): boolean {
  if (target.length === 0 || target.length > 4) return true;
  return source.every((s) => target.some((t) => fits(t, s)));
}

function kind(type: Json): string {
  if (isObject(type)) return "object";
  return type === "Date" ? "string" : String(type);
}

function fits(t: ValueShape, s: ValueShape): boolean {
  const tk = kind(t.type);
  const sk = kind(s.type);
  if (!["string", "number", "boolean", "object"].includes(tk)) return tk === sk && t.collection === s.collection;
  if (t.collection) return s.collection ? sameElement(t, s) : sameElement(t, { type: s.type, collection: true });
  if (s.collection) return false;
  switch (tk) {
    case "string":
      return ["string", "number", "boolean", "object"].includes(sk);
    case "number":
      return sk === "number" || sk === "string";
    case "boolean":
      return sk === "boolean";
    default:
      return sk === "object" || sk === "string";
  }
}

/** A list fits a list of the same element type (TS: `E[]` takes `E[]` and `E` only; a date is a string). */
function sameElement(t: ValueShape, s: ValueShape): boolean {
  return kind(t.type) === kind(s.type);
}

/**
 * Hidden Object Expand cards (FLOPACK.md §6.9) written back as field access:
 * `const { id, login } = f.expand(user.$out("Profile"), { id: "ID", login: ["profile", "login"] })`,
 * whenever lower (src/compile/lower/expand.ts) gives back exactly the same card, pins and orderings;
 * else the card stays a generic `card(...)` (see card-spec.ts).
 */
import { ts } from "ts-morph";
import type { IrCard, IrEntryRef, IrPin, IrScope, JsonObject } from "../ir/types.js";
import { sameEntry } from "../shapes/entries.js";
import { expandInputEntry, expandOutputEntries, expandPaths, expandRefBase, fieldAt, placingOrder } from "../shapes/expand.js";
import { slug } from "../util/names.js";
import { cloneJson, isObject, jsonEqual } from "../util/json.js";
import { outputKey, type CardModel } from "./card-model.js";
import type { Step } from "./structure.js";
import { literal } from "./literal.js";
import { EXPAND_ADDRESS, IF_ADDRESS, JOIN_ADDRESS, NOOP_ADDRESS } from "../shapes/known-cards.js";

const f = ts.factory;

export interface FoldedExpand {
  card: IrCard;
  source: IrCard;
  /** The source output, as `source.$out(outputKey)` reaches it. */
  outputKey: string;
  /** The pin source → expand that `f.expand` makes. */
  inputPin: IrPin;
  /** One per output group, in storage order: the path and the `value` output it feeds from. */
  fields: Array<{ path: string[]; value: IrEntryRef }>;
}

export interface ExpandContext {
  model(ref: string): CardModel;
  /** The variant lower takes for an expand card (the catalog's first). */
  defaultVariant: string | undefined;
  facts: FlowFacts;
}

/**
 * The expand cards of one scope that `f.expand` gives back exactly, by source card ref, in the order lower
 * must place them (it orders an expand card after the earlier expand cards of the same source). A source's
 * expand cards are folded all together or not at all (their orderings depend on each other).
 */
export function foldableExpands(scope: IrScope, ctx: ExpandContext): Map<string, FoldedExpand[]> {
  const byRef = new Map(scope.cards.map((c) => [c.ref, c]));
  const bySource = new Map<string, IrCard[]>();
  for (const c of scope.cards) {
    if (c.address !== EXPAND_ADDRESS) continue;
    const src = c.nameOf ?? "";
    (bySource.get(src) ?? bySource.set(src, []).get(src)!).push(c);
  }
  const pinsInto = new Map<string, Array<{ from: IrCard; pin: IrPin }>>();
  for (const c of scope.cards)
    for (const p of c.pins) (pinsInto.get(p.target) ?? pinsInto.set(p.target, []).get(p.target)!).push({ from: c, pin: p });
  const out = new Map<string, FoldedExpand[]>();
  for (const [srcRef, cards] of bySource) {
    const source = byRef.get(srcRef);
    if (!source || source.address === EXPAND_ADDRESS || [IF_ADDRESS, JOIN_ADDRESS, NOOP_ADDRESS].includes(source.address)) continue;
    const folded = cards.map((c) => foldOne(c, source, pinsInto.get(c.ref) ?? [], ctx));
    if (folded.some((x) => x === undefined)) continue;
    const ordered = placingOrder(folded as FoldedExpand[], (x) => x.card.ref, scope.orderings);
    if (!ordered) continue;
    // Inline flows' aliases name cards by ref: lower must give an aliased one the ref lift gave it, which is
    // sure when no other card of the flow has the same ref base (src/shapes/expand.ts).
    const stable = (x: FoldedExpand): boolean => {
      const base = refBase(x.card);
      return x.card.ref === base && ctx.facts.bases.get(base) === 1;
    };
    if (ordered.some((x) => ctx.facts.aliased.has(x.card.ref) && !stable(x))) continue;
    if (sameOrderings(scope, source, ordered)) out.set(srcRef, ordered);
  }
  return out;
}

function foldOne(
  card: IrCard,
  source: IrCard,
  incoming: Array<{ from: IrCard; pin: IrPin }>,
  ctx: ExpandContext,
): FoldedExpand | undefined {
  if (card.variant !== ctx.defaultVariant || ctx.facts.linked.has(card.ref) || card.nameOf !== source.ref) return undefined;
  if (card.connection !== null || card.configRef !== undefined || card.comments !== undefined) return undefined;
  if (card.inputValues.length + card.outputValues.length + card.removedInputs.length + card.removedOutputs.length > 0) return undefined;
  if (card.joins.length + card.branches.length + card.removedModelKeys.length > 0) return undefined;
  if (Object.keys(card.modelPatch).length + Object.keys(card.methodPatch).length > 0) return undefined;
  if (card.policy.flo || card.policy.rest || !jsonEqual(card.policy.error, { type: "finish" })) return undefined;
  // The one input: the source output, typed with its schema, pinned from it.
  if (card.extraInputs.length !== 1 || incoming.length !== 1) return undefined;
  const input = card.extraInputs[0]!;
  const links = input.links;
  const so = links?.srcOutputId;
  if (!links?.srcMethodId || !("ref" in links.srcMethodId) || links.srcMethodId.ref !== source.ref || links.wormholeMethodId)
    return undefined;
  if (!so || !("card" in so) || so.card !== source.ref) return undefined;
  const sm = ctx.model(source.ref);
  const output = sm.outputs.find((o) => sameEntry(o.ref, so.entry));
  const key = outputKey(sm.outputs, so.entry);
  if (!output || key === undefined || !isObject(output.type.type) || output.type.collection) return undefined;
  const schema = output.type.type;
  if (!jsonEqual(withData(input), expandInputEntry(schema))) return undefined;
  const { from, pin } = incoming[0]!;
  const im = ctx.model(card.ref);
  if (from !== source || !sameEntry(pin.output, so.entry) || pin.transform !== null || !sameEntry(pin.input, im.inputs[0]!.ref))
    return undefined;
  // The outputs: a (key, value) pair per field, each in its own group.
  const outs = card.extraOutputs;
  if (outs.length === 0 || outs.length % 2 !== 0) return undefined;
  const groups = new Set<string>();
  const fields: FoldedExpand["fields"] = [];
  for (let i = 0; i < outs.length; i += 2) {
    const k = outs[i]!;
    const v = outs[i + 1]!;
    const group = k.entry.group;
    const path = isObject(k.entry.metadata) ? k.entry.metadata.path : undefined;
    if (
      typeof group !== "string" ||
      groups.has(group) ||
      !Array.isArray(path) ||
      path.length === 0 ||
      !path.every((p) => typeof p === "string" && p !== "")
    )
      return undefined;
    groups.add(group);
    const field = fieldAt(schema, path as string[]);
    if (!field) return undefined;
    const [ek, ev] = expandOutputEntries(group, path as string[], field);
    if (!jsonEqual(withData(k), ek) || !jsonEqual(withData(v), ev)) return undefined;
    for (const x of [k, v]) {
      const l = x.links;
      if (!l?.srcMethodId || !("ref" in l.srcMethodId) || l.srcMethodId.ref !== source.ref || l.wormholeMethodId) return undefined;
      if (!l.srcOutputId || !("card" in l.srcOutputId) || l.srcOutputId.card !== source.ref || !sameEntry(l.srcOutputId.entry, so.entry))
        return undefined;
    }
    const valueRef = im.outputs.find((o) => o.extra === i + 1)?.ref;
    if (!valueRef) return undefined;
    fields.push({ path: path as string[], value: valueRef });
  }
  // Only the fields' values are read (an expand card's `key` outputs have no variable to read them by).
  if (!card.pins.every((p) => fields.some((x) => sameEntry(x.value, p.output)))) return undefined;
  return { card, source, outputKey: key, inputPin: pin, fields };
}

/** The entry as emit writes it: `value.data` from the IR value. */
function withData(x: IrCard["extraInputs"][number]): JsonObject | undefined {
  if (x.value.kind !== "json") return undefined;
  const e = cloneJson(x.entry);
  if (isObject(e.value)) e.value.data = cloneJson(x.value.data);
  return e;
}

/** Whether lower's orderings for these expand cards (src/compile/lower/expand.ts) are exactly the stored ones. */
function sameOrderings(scope: IrScope, source: IrCard, ordered: FoldedExpand[]): boolean {
  const refs = new Set(ordered.map((x) => x.card.ref));
  const byRef = new Map(scope.cards.map((c) => [c.ref, c]));
  const next: string[] = [];
  for (const [a, b] of scope.orderings) {
    if (a !== source.ref) continue;
    // An edge from the source into another source's expand card: lower would not make it so.
    if (byRef.get(b)?.address === EXPAND_ADDRESS && !refs.has(b)) return false;
    if (byRef.get(b)?.address !== EXPAND_ADDRESS && !next.includes(b)) next.push(b);
  }
  const count = (edges: Iterable<[string, string]>): Map<string, number> => {
    const m = new Map<string, number>();
    for (const [a, b] of edges) m.set(`${a}\u0000${b}`, (m.get(`${a}\u0000${b}`) ?? 0) + 1);
    return m;
  };
  const expected: Array<[string, string]> = [];
  ordered.forEach((x, k) => {
    expected.push([source.ref, x.card.ref]);
    for (let i = 0; i < x.fields.length; i++) {
      for (const t of [...next, ...ordered.slice(0, k).map((o) => o.card.ref)]) expected.push([x.card.ref, t]);
      expected.push([x.card.ref, x.card.ref]);
    }
  });
  const actual = scope.orderings.filter(([a, b]) => refs.has(a) || refs.has(b));
  const e = count(expected);
  const a = count(actual);
  return e.size === a.size && [...e].every(([k, n]) => a.get(k) === n);
}

/** The scope without its folded expand cards and their orderings (what the rest of the file is planned on). */
export function withoutFolded(scope: IrScope, folded: ReadonlySet<string>): IrScope {
  if (folded.size === 0) return scope;
  return {
    ...scope,
    cards: scope.cards.filter((c) => !folded.has(c.ref)),
    orderings: scope.orderings.filter(([a, b]) => !folded.has(a) && !folded.has(b)),
  };
}

/** `const { a, b } = <builder>.expand(<source output>, { a: "ID", b: ["profile", "login"] })`. */
export function expandStatement(builder: ts.Expression, ref: ts.Expression, x: FoldedExpand, names: readonly string[]): ts.Statement {
  const fields = f.createObjectLiteralExpression(
    x.fields.map((field, i) =>
      f.createPropertyAssignment(names[i]!, field.path.length === 1 ? literal(field.path[0]!) : literal(field.path)),
    ),
    x.fields.length > 3,
  );
  const call = f.createCallExpression(f.createPropertyAccessExpression(builder, "expand"), undefined, [ref, fields]);
  const pattern = f.createObjectBindingPattern(names.map((n) => f.createBindingElement(undefined, undefined, n)));
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(pattern, undefined, undefined, call)], ts.NodeFlags.Const),
  );
}

/** The variable name a field is read into: its last path segment. */
export function fieldName(path: readonly string[]): string {
  return path[path.length - 1]!;
}

/** What decides, across the whole flow, whether an expand card can be folded. */
export interface FlowFacts {
  /** Cards some link points at (wormholes, sources, names, branch heads, ids in data): those need a variable of their own. */
  linked: Set<string>;
  /** Cards an inline flow's `display.aliases` names (by ref). */
  aliased: Set<string>;
  /** How many cards of the flow have each ref base (the base lower names a card's ref from). */
  bases: Map<string, number>;
}

export function flowFacts(scope: IrScope, into: FlowFacts = { linked: new Set(), aliased: new Set(), bases: new Map() }): FlowFacts {
  const aliases =
    isObject(scope.inline) && isObject(scope.inline.display) && isObject(scope.inline.display.aliases) ? scope.inline.display.aliases : {};
  for (const k of Object.keys(aliases)) into.aliased.add(k);
  for (const c of scope.cards) {
    const base = refBase(c);
    into.bases.set(base, (into.bases.get(base) ?? 0) + 1);
    if (c.nameOf !== undefined) into.linked.add(c.nameOf);
    for (const b of c.branches) into.linked.add(b.head);
    for (const x of [...c.extraInputs, ...c.extraOutputs]) {
      const l = x.links;
      if (l?.wormholeMethodId && "ref" in l.wormholeMethodId) into.linked.add(l.wormholeMethodId.ref);
      if (l?.srcMethodId && "ref" in l.srcMethodId) into.linked.add(l.srcMethodId.ref);
      if (l?.srcOutputId && "card" in l.srcOutputId) into.linked.add(l.srcOutputId.card);
    }
    for (const v of [...c.inputValues, ...c.outputValues, ...c.extraInputs, ...c.extraOutputs]) {
      if (v.value.kind === "inline") flowFacts(v.value.scope, into);
      // Ids held in constant data (Tables filters) are written as `idOf(card)` / `idOf(card.$out(...))`.
      for (const id of v.value.kind === "json" ? (v.value.ids ?? []) : []) if ("ref" in id.card) into.linked.add(id.card.ref);
    }
    if (c.policy.flo?.kind === "inline") flowFacts(c.policy.flo.scope, into);
  }
  return into;
}

/** The base of a card's ref: from what it reads for an expand card named after its source (as lift and lower make it), else its name. */
function refBase(c: IrCard): string {
  const so = c.extraInputs[0]?.links?.srcOutputId;
  if (c.address === EXPAND_ADDRESS && c.nameOf !== undefined && so && "card" in so)
    return expandRefBase(so.entry.key, expandPaths(c.extraOutputs.map((x) => x.entry)));
  return slug(c.name, "card");
}

/** Whether lower's rule (an expand card is named after the card its input reads) gives back this card's name. */
export function namedAfterSource(card: IrCard): boolean {
  const src = card.extraInputs[0]?.links?.srcMethodId;
  const linked = src !== undefined && "ref" in src ? src.ref : undefined;
  return card.nameOf === linked;
}

/** The written steps with folded expand cards where `f.expand` places them: right after their source. */
export function withExpandSteps(
  steps: readonly Step[],
  root: IrCard | undefined,
  expands: ReadonlyMap<string, readonly FoldedExpand[]>,
): Step[] {
  const after = (ref: string): Step[] => (expands.get(ref) ?? []).map((x) => ({ kind: "card", card: x.card }));
  const walk = (list: readonly Step[]): Step[] =>
    list.flatMap((st): Step[] =>
      st.kind === "card" ? [st, ...after(st.card.ref)] : [{ ...st, then: walk(st.then), otherwise: walk(st.otherwise) }],
    );
  return [...(root ? after(root.ref) : []), ...walk(steps)];
}

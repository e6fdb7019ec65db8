/**
 * Import side of wormholes (FLOPACK.md §6.3): where lower's automatic wormholes give back exactly the pairs of an
 * export, the flow file uses outer values inside inline flows as plain references (`user.$out("id")`) and says
 * nothing of the `context` fields; elsewhere the fields are written out in their compact form.
 *
 * A card holding inline flows (If/ElseIf, If Error...) is "automatic" when every wormhole entrance on it and every
 * exit on its inline flows' start cards is exactly what lower writes (shapes of src/shapes/wormhole.ts),
 * each entrance is pinned, without conversion, from one output placed before the card in the same scope and of the
 * same type, each exit is used inside, and no start card has two wormholes from the same output (lower makes one).
 */
import type { IrCard, IrEntryRef, IrExtraEntry, IrPin, IrScope, Json, JsonObject } from "../ir/types.js";
import { sameEntry } from "../shapes/entries.js";
import { canonicalJson, cloneJson, isObject, jsonEqual } from "../util/json.js";
import { WORMHOLE_GROUP, wormholeEndOf, wormholeEntry, type WormholeEnd } from "../shapes/wormhole.js";
import type { CardModel } from "./card-model.js";
import type { Step } from "./structure.js";
import { CALLABLE_ADDRESS } from "../shapes/known-cards.js";

/** What the planner needs to know of the flow being written. */
export interface WormholeScope {
  id: number;
  parent: number | undefined;
  scope: IrScope;
  root: IrCard | undefined;
  steps: readonly Step[];
}

export interface WormholePlan {
  /** Entrances and exits left to lower (not written). */
  readonly elided: ReadonlySet<IrExtraEntry>;
  /** Pins into elided entrances (lower makes them). */
  readonly elidedPins: ReadonlySet<IrPin>;
  /** The outer output an exit output stands for, when its wormhole is left to lower. */
  alias(card: IrCard, output: IrEntryRef): { source: IrCard; output: IrEntryRef } | undefined;
}

export const NO_WORMHOLES: WormholePlan = { elided: new Set(), elidedPins: new Set(), alias: () => undefined };

/**
 * A wormhole field of an IR card compared with the shape lower writes for that end (`metadata.wormholeMethodId`
 * aside); with `refFlag`, also the shape with `ref: true` (one exit of the corpus has it).
 */
export function isWormholeShape(end: WormholeEnd, x: IrExtraEntry, refFlag = false): boolean {
  const e = x.entry;
  const v = isObject(e.value) ? e.value : undefined;
  if (!v || typeof e.key !== "string" || e.group !== WORMHOLE_GROUP) return false;
  if (!(typeof v.type === "string" || isObject(v.type)) || typeof v.collection !== "boolean") return false;
  if (x.value.kind !== "json" || x.value.data !== null) return false;
  const link = x.links?.wormholeMethodId;
  if (!link || x.links?.srcMethodId || x.links?.srcOutputId) return false;
  const actual = cloneJson(e);
  if (!isObject(actual.metadata) || actual.metadata.wormholeMethodId !== null) return false;
  delete actual.metadata.wormholeMethodId;
  (actual.value as JsonObject).data = null;
  const shape = wormholeEntry(end, e.key, v.type as string | JsonObject, v.collection);
  if (refFlag && actual.ref === true) shape.ref = true;
  return canonicalJson(actual) === canonicalJson(shape);
}

/**
 * A `context` field linked to a wormhole card whose shape is exactly lower's for its end: written as
 * `{ key, group: "context", type, wormhole }` (lower's customExtra expands it back), plus `refFlag: true` where
 * the entry has that flag. The settings to write, or undefined when the field must be written whole.
 */
export function compactWormholeField(action: string, side: "inputs" | "outputs", x: IrExtraEntry): { ref?: boolean } | undefined {
  const end = wormholeEndOf(action, side);
  if (end === undefined || x.entry.group !== WORMHOLE_GROUP || !isWormholeShape(end, x, true)) return undefined;
  return x.entry.ref === true ? { ref: true } : {};
}

/** A start card whose outputs are exactly its wormhole exits mirrored (lower mirrors them when no outputs are given). */
export function mirrorsExits(card: IrCard): boolean {
  if (card.address !== CALLABLE_ADDRESS || card.extraInputs.length === 0 || card.extraInputs.length !== card.extraOutputs.length)
    return false;
  return card.extraInputs.every((x, i) => {
    const o = card.extraOutputs[i]!;
    if (!isWormholeShape("exitInput", x) || !isWormholeShape("exitOutput", o) || o.entry.key !== x.entry.key) return false;
    const tx = (x.entry.value as JsonObject).type as Json;
    const to = (o.entry.value as JsonObject).type as Json;
    return (
      jsonEqual(tx, to) &&
      (x.entry.value as JsonObject).collection === (o.entry.value as JsonObject).collection &&
      jsonEqual(x.links, o.links)
    );
  });
}

interface Wormhole {
  entrance: IrExtraEntry;
  exitIn: IrExtraEntry;
  exitOut: IrExtraEntry;
  exitRef: IrEntryRef;
  start: IrCard;
  /** The outer pin into the entrance and its source. */
  pin: IrPin;
  source: IrCard;
}

export function planWormholes(scopes: readonly WormholeScope[], models: ReadonlyMap<string, CardModel>): WormholePlan {
  const scopeOf = new Map<IrScope, WormholeScope>(scopes.map((s) => [s.scope, s]));
  // Exit outputs something other than a pin reads (a hidden expand card's source): those stay written out.
  const linkedOutputs = new Set<string>();
  for (const s of scopes) {
    for (const c of s.scope.cards) {
      for (const x of [...c.extraInputs, ...c.extraOutputs]) {
        const so = x.links?.srcOutputId;
        if (so && "card" in so) linkedOutputs.add(`${so.card}\u0000${so.entry.group ?? ""}\u0000${so.entry.key}`);
      }
    }
  }
  const elided = new Set<IrExtraEntry>();
  const elidedPins = new Set<IrPin>();
  const aliases = new Map<string, { source: IrCard; output: IrEntryRef }>();
  const aliasKey = (card: string, ref: IrEntryRef): string => `${card}\u0000${ref.group ?? ""}\u0000${ref.key}\u0000${ref.nth ?? 0}`;

  for (const s of scopes) {
    const written = writtenOrder(s);
    for (const owner of s.scope.cards) {
      for (const w of ownerWormholes(owner, s, written, scopeOf, models, linkedOutputs)) {
        elided.add(w.entrance).add(w.exitIn).add(w.exitOut);
        elidedPins.add(w.pin);
        aliases.set(aliasKey(w.start.ref, w.exitRef), { source: w.source, output: w.pin.output });
      }
    }
  }
  return {
    elided,
    elidedPins,
    alias: (card, output) => aliases.get(aliasKey(card.ref, output)),
  };
}

/** Lowering position and If/Else branch nesting of each card written in a scope (the root first). */
function writtenOrder(s: WormholeScope): Map<string, { pos: number; path: string }> {
  const out = new Map<string, { pos: number; path: string }>();
  if (s.root) out.set(s.root.ref, { pos: -1, path: "" });
  let pos = 0;
  const walk = (steps: readonly Step[], path: string): void => {
    for (const st of steps) {
      if (st.kind === "card") {
        out.set(st.card.ref, { pos: pos++, path });
        continue;
      }
      for (const c of [st.ifCard, st.thenHead, st.elseHead, st.join]) out.set(c.ref, { pos: pos++, path });
      walk(st.then, `${path}/${st.ifCard.ref}:then`);
      walk(st.otherwise, `${path}/${st.ifCard.ref}:else`);
    }
  };
  walk(s.steps, "");
  return out;
}

/** The inline flows a card holds: in input and output values, custom fields and its error policy. */
function inlineScopes(card: IrCard): IrScope[] {
  const out: IrScope[] = [];
  for (const v of [...card.inputValues, ...card.outputValues, ...card.extraInputs, ...card.extraOutputs])
    if (v.value.kind === "inline") out.push(v.value.scope);
  if (card.policy.flo?.kind === "inline") out.push(card.policy.flo.scope);
  return out;
}

function isContextLinked(x: IrExtraEntry): boolean {
  return x.entry.group === WORMHOLE_GROUP && x.links?.wormholeMethodId !== undefined;
}

/**
 * The wormholes into a card's inline flows that lower makes back from plain references. Of several wormholes
 * carrying one outer output into one start card, lower makes one: the others stay written out.
 */
function ownerWormholes(
  owner: IrCard,
  s: WormholeScope,
  written: Map<string, { pos: number; path: string }>,
  scopeOf: Map<IrScope, WormholeScope>,
  models: ReadonlyMap<string, CardModel>,
  linkedOutputs: Set<string>,
): Wormhole[] {
  const entrances = owner.extraInputs.filter(isContextLinked);
  const ownerModel = models.get(owner.ref);
  const here = written.get(owner.ref);
  if (entrances.length === 0 || !ownerModel || !here) return [];
  const starts = new Set<IrCard>();
  for (const inner of inlineScopes(owner)) {
    const root = scopeOf.get(inner)?.root;
    if (root?.address === CALLABLE_ADDRESS) starts.add(root);
  }
  if (starts.size === 0) return [];
  const incoming = s.scope.cards.flatMap((c) => c.pins.filter((p) => p.target === owner.ref).map((pin) => ({ source: c, pin })));
  const out: Wormhole[] = [];
  const carried = new Set<string>();
  for (const entrance of entrances) {
    const w = wormhole(owner, entrance, { ownerModel, here, written, starts, incoming, models, linkedOutputs });
    if (!w) continue;
    const k = `${w.start.ref}\u0000${w.source.ref}\u0000${w.pin.output.group ?? ""}\u0000${w.pin.output.key}\u0000${w.pin.output.nth ?? 0}`;
    if (carried.has(k)) continue;
    carried.add(k);
    out.push(w);
  }
  return out;
}

interface OwnerContext {
  ownerModel: CardModel;
  here: { pos: number; path: string };
  written: Map<string, { pos: number; path: string }>;
  starts: Set<IrCard>;
  incoming: Array<{ source: IrCard; pin: IrPin }>;
  models: ReadonlyMap<string, CardModel>;
  linkedOutputs: Set<string>;
}

/** One wormhole when lower makes it back from a plain reference inside; else undefined. */
function wormhole(owner: IrCard, entrance: IrExtraEntry, c: OwnerContext): Wormhole | undefined {
  if (!isWormholeShape("entrance", entrance)) return undefined;
  const link = entrance.links!.wormholeMethodId!;
  const start = "ref" in link ? [...c.starts].find((x) => x.ref === link.ref) : undefined;
  if (!start) return undefined;
  const key = entrance.entry.key as string;
  // The entrance as lower names it among the owner's inputs, and the one pin into it.
  const entranceRef = c.ownerModel.inputs.find((e) => e.extra === owner.extraInputs.indexOf(entrance))?.ref;
  if (!entranceRef) return undefined;
  const pins = c.incoming.filter((p) => sameEntry(p.pin.input, entranceRef));
  if (pins.length !== 1 || pins[0]!.pin.transform !== null) return undefined;
  const { source, pin } = pins[0]!;
  // Placed before the owner, where the owner's code can see it.
  const at = c.written.get(source.ref);
  if (!at || at.pos >= c.here.pos || !(c.here.path === at.path || c.here.path.startsWith(`${at.path}/`))) return undefined;
  const sourceType = c.models.get(source.ref)?.outputs.find((o) => sameEntry(o.ref, pin.output))?.type;
  const value = entrance.entry.value as JsonObject;
  if (!sourceType || !jsonEqual(sourceType.type as Json, value.type as Json) || sourceType.collection !== value.collection)
    return undefined;
  // Its exit: one input and one output of that key on the start card, linked back to the owner, of the same type.
  const exitIns = start.extraInputs.filter((x) => x.entry.key === key && x.entry.group === WORMHOLE_GROUP);
  const exitOuts = start.extraOutputs.filter((x) => x.entry.key === key && x.entry.group === WORMHOLE_GROUP);
  const startModel = c.models.get(start.ref);
  if (exitIns.length !== 1 || exitOuts.length !== 1 || !startModel) return undefined;
  const exitIn = exitIns[0]!;
  const exitOut = exitOuts[0]!;
  const back = (x: IrExtraEntry): boolean => {
    const l = x.links?.wormholeMethodId;
    return l !== undefined && "ref" in l && l.ref === owner.ref;
  };
  if (!isWormholeShape("exitInput", exitIn) || !isWormholeShape("exitOutput", exitOut) || !back(exitIn) || !back(exitOut)) return undefined;
  for (const x of [exitIn, exitOut]) if (canonicalJson(x.entry.value as Json) !== canonicalJson(withoutProxy(value))) return undefined;
  const exitRef = startModel.outputs.find((e) => e.extra === start.extraOutputs.indexOf(exitOut))?.ref;
  if (!exitRef || c.linkedOutputs.has(`${start.ref}\u0000${exitRef.group ?? ""}\u0000${exitRef.key}`)) return undefined;
  // Lower makes an exit only where something inside reads it.
  if (!start.pins.some((p) => sameEntry(p.output, exitRef))) return undefined;
  return { entrance, exitIn, exitOut, exitRef, start, pin, source };
}

function withoutProxy(v: JsonObject): JsonObject {
  const { proxy: _p, check: _c, ...rest } = v;
  return rest;
}

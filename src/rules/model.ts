import { encodePointerSegment } from "../util/json-pointer.js";

/**
 * A defensive, read-only index of a (possibly malformed) flopack, built in one pass and shared by every rule:
 * flows, scopes (top-level flows and inline flows), cards, entries and edges, each with its JSON pointer.
 * Nothing here trusts a shape: a missing or odd-typed part simply yields nothing. Keys of the document are
 * only ever used as Map keys (never as property names on plain objects), so `__proto__` is just a string.
 */
export type Obj = Record<string, unknown>;

export interface EntryView {
  /** The key in `inputs.data` / `outputs.data`. */
  key: string;
  side: "inputs" | "outputs";
  /** Computed on first use: most entries never need one. */
  readonly pointer: string;
  raw: Obj;
  value: Obj | undefined;
  card: CardView;
}

class Entry implements EntryView {
  private cachedPointer: string | undefined;
  constructor(
    readonly key: string,
    readonly side: "inputs" | "outputs",
    readonly raw: Obj,
    readonly value: Obj | undefined,
    readonly card: CardView,
  ) {}
  get pointer(): string {
    return (this.cachedPointer ??= ptr(this.card.pointer, "node", "model", this.side, "data", this.key));
  }
}

export interface EdgeView {
  id: string;
  pointer: string;
  from: unknown;
  to: unknown;
  scope: ScopeView;
}

export interface Address {
  kind: "kernel" | "channel";
  module: string;
  version: string;
  key: string;
}

export interface CardView {
  index: number;
  /** Computed on first use. */
  readonly pointer: string;
  raw: Obj;
  uuid: string | undefined;
  address: string | undefined;
  /** The parsed address, when it follows the grammar (M1). */
  parsed: Address | undefined;
  model: Obj | undefined;
  inputs: EntryView[];
  outputs: EntryView[];
  /** inputs then outputs. */
  entries: EntryView[];
  /** Built on first use. */
  readonly inputsByKey: Map<string, EntryView>;
  readonly outputsByKey: Map<string, EntryView>;
  scope: ScopeView;
}

export interface ScopeView {
  /** Pointer to the flow object (`flo.data` or the inline flow). */
  pointer: string;
  flow: Obj;
  inline: boolean;
  cards: CardView[];
  /** First card for each uuid (duplicates are reported by unique-card-uuids). */
  byUuid: Map<string, CardView>;
  edges: EdgeView[];
  /** The top-level flow this scope belongs to. */
  top: FlowView;
  /** The card holding this inline flow. */
  holder: CardView | undefined;
}

export interface FlowView {
  key: string;
  pointer: string;
  raw: Obj;
  data: Obj | undefined;
  /** Its own scope first, then every inline scope inside it (breadth first). */
  scopes: ScopeView[];
}

export interface FlopackIndex {
  doc: Obj;
  data: Obj | undefined;
  flows: FlowView[];
  scopes: ScopeView[];
  cards: CardView[];
  configs: Map<string, Obj>;
  tables: Map<string, Obj>;
  groups: Map<string, Obj>;
  flos: Map<string, Obj>;
}

export function isObj(x: unknown): x is Obj {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}

export function objAt(o: Obj | undefined, key: string): Obj | undefined {
  if (!o || !Object.hasOwn(o, key)) return undefined;
  const v = o[key];
  return isObj(v) ? v : undefined;
}

export function own(o: Obj | undefined, key: string): unknown {
  return o && Object.hasOwn(o, key) ? o[key] : undefined;
}

export function ptr(base: string, ...segments: Array<string | number>): string {
  let p = base;
  for (const s of segments) p += "/" + (typeof s === "number" || (s.indexOf("~") === -1 && s.indexOf("/") === -1) ? s : encodePointerSegment(s));
  return p;
}

function mapOf(o: Obj | undefined): Map<string, Obj> {
  const m = new Map<string, Obj>();
  if (o) for (const [k, v] of Object.entries(o)) if (isObj(v)) m.set(k, v);
  return m;
}

const ADDRESS = /^root:(?:kernel:([A-Za-z0-9_]+):(0\.0\.1)|channels:http:([A-Za-z0-9_]+):(\d+\.\d+\.\d+)):([^:]+)$/;

/** Parses a card address by the grammar of FLOPACK.md §4.2; undefined when it does not follow it. */
export function parseAddress(address: string): Address | undefined {
  const m = ADDRESS.exec(address);
  if (!m) return undefined;
  if (m[1] !== undefined) return { kind: "kernel", module: m[1], version: m[2]!, key: m[5]! };
  return { kind: "channel", module: m[3]!, version: m[4]!, key: m[5]! };
}

/** The `module:key` of a card (e.g. `control:if`), when its address parses. */
export function cardKind(card: CardView): string | undefined {
  return card.parsed ? `${card.parsed.module}:${card.parsed.key}` : undefined;
}

export function buildIndex(doc: Obj): FlopackIndex {
  const data = objAt(doc, "data");
  const index: FlopackIndex = {
    doc,
    data,
    flows: [],
    scopes: [],
    cards: [],
    configs: mapOf(objAt(data, "configs")),
    tables: mapOf(objAt(data, "tables")),
    groups: mapOf(objAt(data, "groups")),
    flos: mapOf(objAt(data, "flos")),
  };
  const seen = new Set<object>(); // objects built in code may share or even cycle
  for (const [key, raw] of index.flos) {
    const pointer = ptr("/data/flos", key);
    const flow: FlowView = { key, pointer, raw, data: objAt(raw, "data"), scopes: [] };
    index.flows.push(flow);
    if (!flow.data) continue;
    // Breadth-first over inline flows with an explicit queue: no recursion, whatever the nesting.
    const queue: Array<{ flow: Obj; pointer: string; holder: CardView | undefined }> = [
      { flow: flow.data, pointer: ptr(pointer, "data"), holder: undefined },
    ];
    for (let q = 0; q < queue.length; q++) {
      const item = queue[q]!;
      if (seen.has(item.flow)) continue;
      seen.add(item.flow);
      const scope = buildScope(item.flow, item.pointer, item.holder !== undefined, flow, item.holder);
      flow.scopes.push(scope);
      index.scopes.push(scope);
      for (const card of scope.cards) {
        index.cards.push(card);
        for (const e of card.entries) {
          const v = e.value;
          if (v && v.type === "flo" && isObj(v.data)) queue.push({ flow: v.data, pointer: ptr(e.pointer, "value", "data"), holder: card });
        }
        const errorPolicy = objAt(objAt(card.model, "policy"), "error");
        const errFlo = own(errorPolicy, "flo");
        if (isObj(errFlo)) queue.push({ flow: errFlo, pointer: ptr(card.pointer, "node", "model", "policy", "error", "flo"), holder: card });
      }
    }
  }
  return index;
}

function buildScope(flowObj: Obj, pointer: string, inline: boolean, top: FlowView, holder: CardView | undefined): ScopeView {
  const scope: ScopeView = { pointer, flow: flowObj, inline, cards: [], byUuid: new Map(), edges: [], top, holder };
  const methods = own(flowObj, "methods");
  if (Array.isArray(methods)) {
    methods.forEach((m, i) => {
      if (!isObj(m)) return;
      const card = buildCard(m, i, scope);
      scope.cards.push(card);
      if (card.uuid !== undefined && !scope.byUuid.has(card.uuid)) scope.byUuid.set(card.uuid, card);
    });
  }
  const orderings = objAt(flowObj, "orderings");
  if (orderings) {
    for (const [id, v] of Object.entries(orderings)) {
      const pair = Array.isArray(v) ? v : [];
      scope.edges.push({ id, pointer: ptr(pointer, "orderings", id), from: pair[0], to: pair[1], scope });
    }
  }
  return scope;
}

class Card implements CardView {
  readonly uuid: string | undefined;
  readonly address: string | undefined;
  readonly parsed: Address | undefined;
  readonly model: Obj | undefined;
  readonly inputs: EntryView[] = [];
  readonly outputs: EntryView[] = [];
  readonly entries: EntryView[] = [];
  private inputMap: Map<string, EntryView> | undefined;
  private outputMap: Map<string, EntryView> | undefined;

  private cachedPointer: string | undefined;

  constructor(
    readonly raw: Obj,
    readonly index: number,
    readonly scope: ScopeView,
  ) {
    this.uuid = str(own(raw, "uuid"));
    this.address = str(own(raw, "address"));
    this.parsed = this.address === undefined ? undefined : parseAddressCached(this.address);
    this.model = objAt(objAt(raw, "node"), "model");
    for (const side of ["inputs", "outputs"] as const) {
      const entries = objAt(objAt(this.model, side), "data");
      if (!entries) continue;
      const list = side === "inputs" ? this.inputs : this.outputs;
      const keys = Object.keys(entries);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const e = entries[key];
        if (!isObj(e)) continue;
        const view = new Entry(key, side, e, objAt(e, "value"), this);
        list.push(view);
        this.entries.push(view);
      }
    }
  }

  get pointer(): string {
    return (this.cachedPointer ??= ptr(this.scope.pointer, "methods", this.index));
  }

  get inputsByKey(): Map<string, EntryView> {
    return (this.inputMap ??= new Map(this.inputs.map((e) => [e.key, e])));
  }

  get outputsByKey(): Map<string, EntryView> {
    return (this.outputMap ??= new Map(this.outputs.map((e) => [e.key, e])));
  }
}

function buildCard(raw: Obj, index: number, scope: ScopeView): CardView {
  return new Card(raw, index, scope);
}

// A pack repeats a few hundred addresses thousands of times. Parsed addresses are immutable, so sharing is safe.
const addressCache = new Map<string, Address | undefined>();

function parseAddressCached(address: string): Address | undefined {
  if (addressCache.has(address)) return addressCache.get(address);
  const parsed = parseAddress(address);
  if (addressCache.size < 10_000) addressCache.set(address, parsed === undefined ? undefined : Object.freeze(parsed));
  return parsed;
}

/** `pins[outputId][targetUuid] = [pin…]`, flattened, with pointers. */
export interface PinView {
  card: CardView;
  output: string;
  target: string;
  pin: unknown;
  /** Computed on first use. */
  readonly pointer: string;
}

class Pin implements PinView {
  private cachedPointer: string | undefined;
  constructor(
    readonly card: CardView,
    readonly output: string,
    readonly target: string,
    readonly pin: unknown,
    private readonly position: number,
  ) {}
  get pointer(): string {
    return (this.cachedPointer ??= ptr(this.card.pointer, "pins", this.output, this.target, this.position));
  }
}

const pinCache = new WeakMap<CardView, PinView[]>();

/** Memoised per card: several rules walk the pins. */
export function pinsOf(card: CardView): PinView[] {
  let out = pinCache.get(card);
  if (out === undefined) {
    out = collectPins(card);
    pinCache.set(card, out);
  }
  return out;
}

function collectPins(card: CardView): PinView[] {
  const out: PinView[] = [];
  const pins = objAt(card.raw, "pins");
  if (!pins) return out;
  for (const [output, targets] of Object.entries(pins)) {
    if (!isObj(targets)) continue;
    for (const [target, list] of Object.entries(targets)) {
      if (!Array.isArray(list)) continue;
      list.forEach((pin, i) => out.push(new Pin(card, output, target, pin, i)));
    }
  }
  return out;
}

/** Root cards of a scope: no incoming edge, not an If/Else branch head, not a comment (F7). */
const rootCache = new WeakMap<ScopeView, CardView[]>();

export function rootsOf(scope: ScopeView): CardView[] {
  let roots = rootCache.get(scope);
  if (roots === undefined) {
    roots = findRoots(scope);
    rootCache.set(scope, roots);
  }
  return roots;
}

function findRoots(scope: ScopeView): CardView[] {
  const incoming = new Set<unknown>();
  for (const e of scope.edges) incoming.add(e.to);
  const heads = new Set<string>();
  for (const c of scope.cards) {
    const b = objAt(c.raw, "branches");
    if (b) for (const k of Object.keys(b)) heads.add(k);
  }
  return scope.cards.filter(
    (c) => c.uuid !== undefined && !incoming.has(c.uuid) && !heads.has(c.uuid) && cardKind(c) !== "control:comment",
  );
}

/** The one root of a scope, or undefined when there is not exactly one (single-root reports that). */
export function rootOf(scope: ScopeView): CardView | undefined {
  const roots = rootsOf(scope);
  return roots.length === 1 ? roots[0] : undefined;
}

export function cardName(card: CardView): string | undefined {
  return str(own(objAt(card.model, "metadata"), "name"));
}

export function describeCard(card: CardView): string {
  const name = str(own(objAt(objAt(card.raw, "node"), "data"), "name"));
  return `card ${JSON.stringify(card.uuid ?? `#${card.index}`)}${name !== undefined ? ` (${JSON.stringify(name)})` : ""}`;
}

export function isEmptyObject(x: unknown): boolean {
  return isObj(x) && Object.keys(x).length === 0;
}

import { followsGrammar, parseAddress, type CardAddress } from "../shapes/address.js";
import { encodePointerSegment } from "../util/json-pointer.js";

/**
 * A defensive, read-only index of a (possibly malformed) flopack, built in one pass and shared by every rule:
 * flows, scopes (top-level flows and inline flows), cards and edges, each with its JSON pointer.
 * Nothing here trusts a shape: a missing or odd-typed part simply yields nothing. Keys of the document are
 * only ever used as Map keys or looked up with `Object.hasOwn` (never assigned on plain objects), so
 * `__proto__` is just a string.
 *
 * Speed: validate runs the rules on a freshly parsed document, and every object allocated meanwhile brings the
 * next scavenge closer, which then copies that document. So the index holds one object per card and per edge and
 * nothing per entry: rules read the document's own entry maps (`card.inputData` with `for…in` and `entryAt`, or
 * `visitEntry`), and pointers are built only when a finding needs one.
 */
export type Obj = Record<string, unknown>;

export type Side = "inputs" | "outputs";

export interface EdgeView {
  id: string;
  /** Computed on first use. */
  readonly pointer: string;
  from: unknown;
  to: unknown;
  scope: ScopeView;
}

export interface CardView {
  index: number;
  /** Computed on first use. */
  readonly pointer: string;
  raw: Obj;
  uuid: string | undefined;
  address: string | undefined;
  /** The parsed address, when it follows the grammar (M1). */
  parsed: CardAddress | undefined;
  model: Obj | undefined;
  /** `node.model.inputs.data` as stored: entry id → entry. Read entries with `entryAt` (they may be anything). */
  inputData: Obj | undefined;
  /** `node.model.outputs.data` as stored. */
  outputData: Obj | undefined;
  /** The card's pins, flattened; built on first use. */
  readonly pins: readonly PinView[];
  scope: ScopeView;
}

/**
 * One input or output entry, as handed to a rule's `visitEntry`. The runner reuses a single object for every
 * entry (nothing is allocated per entry): read it during the call, never keep it.
 */
export interface EntryVisit {
  card: CardView;
  side: Side;
  /** Its key in the entry map (the entry id). */
  key: string;
  raw: Obj;
  /** `raw.value`, when it is an object. */
  value: Obj | undefined;
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
  /** Root cards (see rootsOf); found on first use. */
  readonly roots: readonly CardView[];
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

/** The entry stored under `key` in an entry map (`card.inputData` / `card.outputData`), when it is an object. */
export const entryAt = objAt;

/** True when `o` has no own enumerable key (checked without allocating). */
export function hasNoKeys(o: Obj): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}

export function ptr(base: string, ...segments: Array<string | number>): string {
  let p = base;
  for (const s of segments)
    p += "/" + (typeof s === "number" || (s.indexOf("~") === -1 && s.indexOf("/") === -1) ? s : encodePointerSegment(s));
  return p;
}

/** The pointer of entry `key` of a card's inputs or outputs. */
export function entryPointer(card: CardView, side: Side, key: string): string {
  return ptr(card.pointer, "node", "model", side, "data", key);
}

function mapOf(o: Obj | undefined): Map<string, Obj> {
  const m = new Map<string, Obj>();
  if (o) for (const [k, v] of Object.entries(o)) if (isObj(v)) m.set(k, v);
  return m;
}

/** The `module:key` of a card (e.g. `control:if`), when its address parses. */
export function cardKind(card: CardView): string | undefined {
  return card.parsed?.moduleKey;
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
    const queue: InlineFlowRef[] = [{ flow: flow.data, pointer: ptr(pointer, "data"), holder: undefined }];
    for (let q = 0; q < queue.length; q++) {
      const item = queue[q]!;
      if (seen.has(item.flow)) continue;
      seen.add(item.flow);
      const scope = new Scope(item.flow, item.pointer, item.holder !== undefined, flow, item.holder);
      flow.scopes.push(scope);
      index.scopes.push(scope);
      for (const card of scope.cards) {
        index.cards.push(card);
        queueInlineFlows(card, queue);
      }
    }
  }
  return index;
}

interface InlineFlowRef {
  flow: Obj;
  pointer: string;
  holder: CardView | undefined;
}

/** Inline flows held by a card: `flo`-typed entries whose data is a flow object, then `policy.error.flo`. */
function queueInlineFlows(card: CardView, queue: InlineFlowRef[]): void {
  queueInlineEntries(card, "inputs", card.inputData, queue);
  queueInlineEntries(card, "outputs", card.outputData, queue);
  const errFlo = own(objAt(objAt(card.model, "policy"), "error"), "flo");
  if (isObj(errFlo)) queue.push({ flow: errFlo, pointer: ptr(card.pointer, "node", "model", "policy", "error", "flo"), holder: card });
}

function queueInlineEntries(card: CardView, side: Side, entries: Obj | undefined, queue: InlineFlowRef[]): void {
  for (const key in entries) {
    // Cheap test first (most entries are not flows), the exact one (own keys, objects) only when it passes.
    const e = entries[key] as Obj | null | undefined;
    if (typeof e !== "object" || e === null || (e.value as Obj | undefined)?.type !== "flo") continue;
    const v = objAt(entryAt(entries, key), "value");
    if (v && v.type === "flo" && isObj(v.data))
      queue.push({ flow: v.data, pointer: ptr(entryPointer(card, side, key), "value", "data"), holder: card });
  }
}

class Scope implements ScopeView {
  readonly cards: CardView[] = [];
  readonly byUuid = new Map<string, CardView>();
  readonly edges: EdgeView[] = [];
  private cachedRoots: CardView[] | undefined;

  constructor(
    readonly flow: Obj,
    readonly pointer: string,
    readonly inline: boolean,
    readonly top: FlowView,
    readonly holder: CardView | undefined,
  ) {
    const methods = own(flow, "methods");
    if (Array.isArray(methods)) {
      for (let i = 0; i < methods.length; i++) {
        const m: unknown = methods[i];
        if (!isObj(m)) continue;
        const card = new Card(m, i, this);
        this.cards.push(card);
        if (card.uuid !== undefined && !this.byUuid.has(card.uuid)) this.byUuid.set(card.uuid, card);
      }
    }
    const orderings = objAt(flow, "orderings");
    for (const id in orderings) {
      if (!Object.hasOwn(orderings, id)) continue;
      const v = orderings[id];
      this.edges.push(new Edge(id, Array.isArray(v) ? v[0] : undefined, Array.isArray(v) ? v[1] : undefined, this));
    }
  }

  get roots(): readonly CardView[] {
    return (this.cachedRoots ??= findRoots(this));
  }
}

class Edge implements EdgeView {
  private cachedPointer: string | undefined;
  constructor(
    readonly id: string,
    readonly from: unknown,
    readonly to: unknown,
    readonly scope: ScopeView,
  ) {}
  get pointer(): string {
    return (this.cachedPointer ??= ptr(this.scope.pointer, "orderings", this.id));
  }
}

class Card implements CardView {
  readonly uuid: string | undefined;
  readonly address: string | undefined;
  readonly parsed: CardAddress | undefined;
  readonly model: Obj | undefined;
  readonly inputData: Obj | undefined;
  readonly outputData: Obj | undefined;
  private cachedPointer: string | undefined;
  private cachedPins: PinView[] | undefined;

  constructor(
    readonly raw: Obj,
    readonly index: number,
    readonly scope: ScopeView,
  ) {
    this.uuid = str(own(raw, "uuid"));
    this.address = str(own(raw, "address"));
    this.parsed = this.address === undefined ? undefined : parseAddressCached(this.address);
    this.model = objAt(objAt(raw, "node"), "model");
    this.inputData = objAt(objAt(this.model, "inputs"), "data");
    this.outputData = objAt(objAt(this.model, "outputs"), "data");
  }

  get pointer(): string {
    return (this.cachedPointer ??= ptr(this.scope.pointer, "methods", this.index));
  }

  get pins(): readonly PinView[] {
    return (this.cachedPins ??= collectPins(this));
  }
}

// A pack repeats a few hundred addresses thousands of times. Parsed addresses are immutable, so sharing is safe.
const addressCache = new Map<string, CardAddress | undefined>();

/** The parsed address when it follows the grammar (FLOPACK.md §4.2, M1); undefined otherwise. */
function parseAddressCached(address: string): CardAddress | undefined {
  if (addressCache.has(address)) return addressCache.get(address);
  const structural = parseAddress(address);
  const parsed = structural && followsGrammar(structural) ? structural : undefined;
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

const NO_PINS: PinView[] = [];

function collectPins(card: CardView): PinView[] {
  const pins = objAt(card.raw, "pins");
  let out = NO_PINS;
  for (const output in pins) {
    const targets = objAt(pins, output);
    for (const target in targets) {
      const list = own(targets, target);
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        if (!(i in list)) continue; // a hole (objects built in code): no pin there
        if (out === NO_PINS) out = [];
        out.push(new Pin(card, output, target, list[i], i));
      }
    }
  }
  return out;
}

/** Memoised per card: several rules walk the pins. */
export function pinsOf(card: CardView): readonly PinView[] {
  return card.pins;
}

/** Root cards of a scope: no incoming edge, not an If/Else branch head, not a comment (F7). Memoised. */
export function rootsOf(scope: ScopeView): readonly CardView[] {
  return scope.roots;
}

function findRoots(scope: ScopeView): CardView[] {
  const incoming = new Set<unknown>();
  for (const e of scope.edges) incoming.add(e.to);
  const heads = new Set<string>();
  for (const c of scope.cards) {
    const b = objAt(c.raw, "branches");
    for (const k in b) if (Object.hasOwn(b, k)) heads.add(k);
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

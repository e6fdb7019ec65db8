/**
 * Card-level semantic diff of two presentation models.
 *
 * Pipeline:
 *   1. pair flows: by name, then leftover flows by the shape of their cards (a rename);
 *   2. pair cards inside each flow pair: the trigger with the trigger, then each block's steps by a
 *      weighted longest common subsequence over what the cards are (connector + action), preferring
 *      equal names and equal content, recursing into the blocks of paired cards; leftovers of one kind
 *      and name (or content) become "moved", the rest "added"/"removed";
 *   3. compare paired cards field by field; wires are compared through the card pairing, so renaming a
 *      card is reported once as a rename, never as rewiring of every card that reads from it.
 * Ids never take part (the model has none), so id churn and storage order report nothing.
 */
import { canonicalJson, compareStrings, isObject } from "./json.js";
import { kindKey } from "./address.js";
import { EmbeddedRef, type Block, type Card, type ErrorPolicyView, type Field, type FlowView, type PackView, type Ref, type TableView, type TemplatePart } from "./view-types.js";
import { refText } from "./wires.js";
import { cardTitle, templateText, wireText } from "./show.js";

export type ChangeKind =
  | "added"
  | "removed"
  | "renamed"
  | "moved"
  | "changed"
  | "option"
  | "constant"
  | "wiring"
  | "transform"
  | "error-policy"
  | "schedule"
  | "trigger"
  | "connection"
  | "call"
  | "text"
  | "version"
  | "comment"
  | "field"
  | "column";

export interface Change {
  /** What the change is about. */
  subject: "flow" | "card" | "connection" | "table" | "folder";
  kind: ChangeKind;
  /** Flow name (the new name when renamed); absent for pack-level subjects. */
  flow?: string;
  /** Card title `label (connector action)` (the new one when it exists). */
  card?: string;
  /** Input, attribute or column the change is about. */
  field?: string;
  old?: unknown;
  new?: unknown;
  message: string;
}

export interface DiffResult {
  equal: boolean;
  changes: Change[];
}

/** Old name → new name of everything paired across a rename, so that references follow renames. */
export interface Renames {
  flows: Map<string, string>;
  folders: Map<string, string>;
  connections: Map<string, string>;
  tables: Map<string, string>;
}

export function diffPacks(a: PackView, b: PackView): DiffResult {
  const changes: Change[] = [];
  const renames: Renames = { flows: new Map(), folders: new Map(), connections: new Map(), tables: new Map() };
  diffFolders(a, b, renames, changes);
  diffConnections(a, b, renames, changes);
  diffTables(a, b, renames, changes);
  const flowPairs = pairFlows(a.flows, b.flows);
  for (const [x, y] of flowPairs.pairs) renames.flows.set(x.name, y.name);
  for (const x of flowPairs.removed) changes.push({ subject: "flow", kind: "removed", flow: x.name, message: `flow ${q(x.name)} removed` });
  for (const y of flowPairs.added) changes.push({ subject: "flow", kind: "added", flow: y.name, message: `flow ${q(y.name)} added` });
  for (const [x, y] of flowPairs.pairs) {
    if (x.name !== y.name)
      changes.push({ subject: "flow", kind: "renamed", flow: y.name, old: x.name, new: y.name, message: `flow ${q(x.name)} renamed to ${q(y.name)}` });
    new FlowDiff(x, y, renames, changes).run();
  }
  return { equal: changes.length === 0, changes };
}

// ---------------------------------------------------------------------------------------------------
// Pack-level collections

/**
 * Pairs what is left on both sides after pairing by name: candidates must agree on `group` (the
 * connector, the parent folder...) and, among several, on `likeness`; only unambiguous pairs count.
 */
function pairLeftovers<T>(removed: T[], added: T[], group: (t: T, side: "a" | "b") => string, likeness: (t: T) => string): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  const usedB = new Set<T>();
  for (const x of removed) {
    const same = added.filter((y) => !usedB.has(y) && group(y, "b") === group(x, "a"));
    const candidates = same.length === 1 ? same : same.filter((y) => likeness(y) === likeness(x));
    const othersLikeX = removed.filter((r) => group(r, "a") === group(x, "a"));
    if (candidates.length === 1 && (othersLikeX.length === 1 || likeness(candidates[0]!) === likeness(x))) {
      usedB.add(candidates[0]!);
      pairs.push([x, candidates[0]!]);
    }
  }
  return pairs;
}

function parentPath(path: string): string {
  const i = path.lastIndexOf(" / ");
  return i < 0 ? "" : path.slice(0, i);
}

function diffFolders(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const x = new Map(a.folders.map((f) => [f.path, f]));
  const y = new Map(b.folders.map((f) => [f.path, f]));
  // Renames, shallow folders first so that a child's parent path can be mapped through its parent's rename.
  const depth = (p: string) => p.split(" / ").length;
  const removed = [...x.values()].filter((f) => !y.has(f.path)).sort((p, r) => depth(p.path) - depth(r.path));
  const added = [...y.values()].filter((f) => !x.has(f.path));
  const mapPath = (path: string) => renames.folders.get(path) ?? path;
  for (let d = 1; d <= Math.max(0, ...removed.map((f) => depth(f.path))); d++) {
    const level = removed.filter((f) => depth(f.path) === d);
    const pairs = pairLeftovers(
      level,
      added.filter((f) => depth(f.path) === d),
      (f, side) => (side === "a" ? mapPath(parentPath(f.path)) : parentPath(f.path)),
      (f) => f.description,
    );
    for (const [f, g] of pairs) renames.folders.set(f.path, g.path);
  }
  for (const [path, f] of x) {
    const g = y.get(renames.folders.get(path) ?? path);
    if (!g) out.push({ subject: "folder", kind: "removed", field: path, message: `folder ${q(path)} removed` });
    else {
      if (g.path !== path && g.name !== f.name)
        out.push({ subject: "folder", kind: "renamed", field: g.path, old: path, new: g.path, message: `folder ${q(path)} renamed to ${q(g.name)}` });
      if (f.description !== g.description)
        out.push({ subject: "folder", kind: "changed", field: g.path, old: f.description, new: g.description, message: `folder ${q(g.path)}: description ${v(f.description)} → ${v(g.description)}` });
    }
  }
  const reached = new Set(renames.folders.values());
  for (const path of y.keys()) if (!x.has(path) && !reached.has(path)) out.push({ subject: "folder", kind: "added", field: path, message: `folder ${q(path)} added` });
}

function diffConnections(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const key = (c: { name: string; connector: string }) => `${c.connector}\u0000${c.name}`;
  const x = new Map(a.connections.map((c) => [key(c), c]));
  const y = new Map(b.connections.map((c) => [key(c), c]));
  const removed = [...x.entries()].filter(([k]) => !y.has(k)).map(([, c]) => c);
  const added = [...y.entries()].filter(([k]) => !x.has(k)).map(([, c]) => c);
  const pairs = pairLeftovers(removed, added, (c) => c.connector, (c) => c.usedBy.map((f) => renames.flows.get(f) ?? f).join("\u0000"));
  const paired = new Set<unknown>();
  for (const [c, d] of pairs) {
    paired.add(c).add(d);
    renames.connections.set(c.name, d.name);
    out.push({ subject: "connection", kind: "renamed", field: d.name, old: c.name, new: d.name, message: `connection ${q(c.name)} (${c.connector}) renamed to ${q(d.name)}` });
  }
  for (const c of removed) if (!paired.has(c)) out.push({ subject: "connection", kind: "removed", field: c.name, old: c.connector, message: `connection ${q(c.name)} (${c.connector}) removed` });
  for (const c of added) if (!paired.has(c)) out.push({ subject: "connection", kind: "added", field: c.name, new: c.connector, message: `connection ${q(c.name)} (${c.connector}) added` });
}

function diffTables(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const x = new Map(a.tables.map((t) => [t.name, t]));
  const y = new Map(b.tables.map((t) => [t.name, t]));
  const columnsOf = (t: TableView) => canonicalJson(t.columns.map((c) => [c.name, c.type]));
  const pairs = pairLeftovers(
    [...x.values()].filter((t) => !y.has(t.name)),
    [...y.values()].filter((t) => !x.has(t.name)),
    () => "",
    columnsOf,
  ).filter(([t, u]) => columnsOf(t) === columnsOf(u));
  for (const [t, u] of pairs) {
    renames.tables.set(t.name, u.name);
    out.push({ subject: "table", kind: "renamed", field: u.name, old: t.name, new: u.name, message: `table ${q(t.name)} renamed to ${q(u.name)}` });
  }
  const reached = new Set(renames.tables.values());
  for (const [name, t] of x) {
    const u = y.get(renames.tables.get(name) ?? name);
    if (!u) {
      out.push({ subject: "table", kind: "removed", field: name, message: `table ${q(name)} removed` });
      continue;
    }
    const at = `table ${q(u.name)}`;
    if (t.description !== u.description)
      out.push({ subject: "table", kind: "changed", field: u.name, old: t.description, new: u.description, message: `${at}: description ${v(t.description)} → ${v(u.description)}` });
    const folder = t.folder === null ? null : (renames.folders.get(t.folder) ?? t.folder);
    if (folder !== u.folder)
      out.push({ subject: "table", kind: "changed", field: u.name, old: t.folder, new: u.folder, message: `${at}: folder ${v(t.folder)} → ${v(u.folder)}` });
    const cx = new Map(t.columns.map((c) => [c.name, c]));
    const cy = new Map(u.columns.map((c) => [c.name, c]));
    for (const [col, c] of cx) {
      const d = cy.get(col);
      if (!d) out.push({ subject: "table", kind: "column", field: u.name, old: col, message: `${at}: column ${q(col)} removed` });
      else if (c.type !== d.type || canonicalJson(c.default) !== canonicalJson(d.default))
        out.push({
          subject: "table",
          kind: "column",
          field: u.name,
          old: { type: c.type, default: c.default },
          new: { type: d.type, default: d.default },
          message: `${at}: column ${q(col)} ${c.type}${c.default === null ? "" : ` = ${v(c.default)}`} → ${d.type}${d.default === null ? "" : ` = ${v(d.default)}`}`,
        });
    }
    for (const col of cy.keys()) if (!cx.has(col)) out.push({ subject: "table", kind: "column", field: u.name, new: col, message: `${at}: column ${q(col)} added` });
    const orderX = t.columns.map((c) => c.name).filter((c) => cy.has(c));
    const orderY = u.columns.map((c) => c.name).filter((c) => cx.has(c));
    if (orderX.join("\u0000") !== orderY.join("\u0000"))
      out.push({ subject: "table", kind: "column", field: u.name, old: orderX, new: orderY, message: `${at}: columns reordered` });
  }
  for (const name of y.keys()) if (!x.has(name) && !reached.has(name)) out.push({ subject: "table", kind: "added", field: name, message: `table ${q(name)} added` });
}

// ---------------------------------------------------------------------------------------------------
// Flow pairing

function kindSequence(flow: FlowView): string[] {
  return [flow.triggerKind, ...flow.cards.map((c) => kindKey(c.kind))];
}

function pairFlows(a: FlowView[], b: FlowView[]): { pairs: Array<[FlowView, FlowView]>; removed: FlowView[]; added: FlowView[] } {
  const pairs: Array<[FlowView, FlowView]> = [];
  const restB = [...b];
  const restA: FlowView[] = [];
  for (const x of a) {
    const i = restB.findIndex((y) => y.name === x.name);
    if (i >= 0) pairs.push([x, restB.splice(i, 1)[0]!]);
    else restA.push(x);
  }
  // Renames: leftover flows with the same trigger kind and mostly the same cards.
  const candidates: Array<{ x: FlowView; y: FlowView; score: number }> = [];
  for (const x of restA)
    for (const y of restB) {
      if (x.triggerKind !== y.triggerKind) continue;
      const sx = kindSequence(x);
      const sy = kindSequence(y);
      const score = lcsLength(sx, sy) / Math.max(sx.length, sy.length, 1);
      if (score >= 0.6) candidates.push({ x, y, score });
    }
  candidates.sort((p, r) => r.score - p.score || compareStrings(p.x.name, r.x.name) || compareStrings(p.y.name, r.y.name));
  const usedA = new Set<FlowView>();
  const usedB = new Set<FlowView>();
  for (const c of candidates) {
    if (usedA.has(c.x) || usedB.has(c.y)) continue;
    usedA.add(c.x);
    usedB.add(c.y);
    pairs.push([c.x, c.y]);
  }
  pairs.sort((p, r) => compareStrings(p[1].name, r[1].name));
  return { pairs, removed: restA.filter((x) => !usedA.has(x)), added: restB.filter((y) => !usedB.has(y)) };
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(row[j]!, row[j - 1]!);
      prev = tmp;
    }
  }
  return row[b.length]!;
}

// ---------------------------------------------------------------------------------------------------
// Card pairing and comparison inside one flow pair

/** A content fingerprint of a card without wires' card identities (used to prefer and to pair moves). */
const signatures = new WeakMap<Card, string>();
function contentSignature(card: Card): string {
  let sig = signatures.get(card);
  if (sig === undefined) signatures.set(card, (sig = computeSignature(card)));
  return sig;
}

function computeSignature(card: Card): string {
  return canonicalJson({
    o: card.options.map((f) => [f.input, plainValue(f.value)]),
    c: card.constants.map((f) => [f.input, plainValue(f.value)]),
    w: card.wires.map((w) => [w.input, w.sources.map((s) => [s.output, s.path])]),
    k: card.calls.map((f) => [f.input, f.value]),
    t: card.template ? card.template.parts.map((p) => ("text" in p ? p.text : "ref" in p ? p.ref.output : plainValue(p.value))) : null,
    m: card.comment,
  });
}

function plainValue(value: unknown): unknown {
  if (value instanceof EmbeddedRef) return { wire: value.ref.output };
  if (Array.isArray(value)) return value.map(plainValue);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, plainValue(x)]));
  return value;
}

/** The largest alignment table (cells) built; beyond it lists are aligned greedily (4 bytes a cell: 100 MB). */
const MAX_ALIGNMENT_CELLS = 25_000_000;
const GREEDY_LOOKAHEAD = 50;

class FlowDiff {
  private readonly pair = new Map<Card, Card>();
  private readonly leftoverA: Card[] = [];
  private readonly leftoverB: Card[] = [];
  private readonly flowName: string;

  constructor(
    private readonly a: FlowView,
    private readonly b: FlowView,
    private readonly renames: Renames,
    private readonly out: Change[],
  ) {
    this.flowName = b.name;
  }

  run(): void {
    this.diffFlowSettings();
    if (this.a.trigger && this.b.trigger) this.pairCards(this.a.trigger, this.b.trigger);
    else {
      if (this.a.trigger) this.leftoverA.push(this.a.trigger);
      if (this.b.trigger) this.leftoverB.push(this.b.trigger);
    }
    this.alignLists(this.a.steps, this.b.steps);
    this.alignLists(this.a.unreachable, this.b.unreachable);
    this.pairMoves();
    const pairs = [...this.pair.entries()].sort((p, r) => p[1].pos - r[1].pos);
    for (const [x, y] of pairs) this.compareCards(x, y);
    for (const x of this.leftoverA.filter((c) => !this.pair.has(c)).sort((p, r) => p.pos - r.pos))
      this.push({ subject: "card", kind: "removed", card: cardTitle(x), old: x.location, message: `card ${q(cardTitle(x))} removed (was ${x.location})` });
    const pairedB = new Set(this.pair.values());
    for (const y of this.leftoverB.filter((c) => !pairedB.has(c)).sort((p, r) => p.pos - r.pos))
      this.push({ subject: "card", kind: "added", card: cardTitle(y), new: y.location, message: `card ${q(cardTitle(y))} added at ${y.location}` });
  }

  private push(change: Omit<Change, "flow">): void {
    const at = `flow ${q(this.flowName)}: `;
    this.out.push({ ...change, flow: this.flowName, message: at + change.message });
  }

  private diffFlowSettings(): void {
    const { a, b } = this;
    if (a.description !== b.description)
      this.push({ subject: "flow", kind: "changed", field: "description", old: a.description, new: b.description, message: `description ${v(a.description)} → ${v(b.description)}` });
    if ((a.folder === null ? null : (this.renames.folders.get(a.folder) ?? a.folder)) !== b.folder) this.push({ subject: "flow", kind: "changed", field: "folder", old: a.folder, new: b.folder, message: `folder ${v(a.folder)} → ${v(b.folder)}` });
    if (a.triggerKind !== b.triggerKind)
      this.push({ subject: "flow", kind: "trigger", field: "trigger", old: a.triggerKind, new: b.triggerKind, message: `trigger ${a.triggerKind} → ${b.triggerKind}` });
    const sched = (f: FlowView) => (f.schedule ? `${f.schedule.words} [${f.schedule.cron}] ${f.schedule.timeZone}${f.schedule.startDate ? ` from ${f.schedule.startDate}` : ""}${f.schedule.endDate ? ` until ${f.schedule.endDate}` : ""}` : null);
    if (sched(a) !== sched(b))
      this.push({ subject: "flow", kind: "schedule", field: "schedule", old: sched(a), new: sched(b), message: `schedule ${v(sched(a))} → ${v(sched(b))}` });
    if (a.saveAllData !== b.saveAllData)
      this.push({ subject: "flow", kind: "changed", field: "save all data", old: a.saveAllData, new: b.saveAllData, message: `save all data ${a.saveAllData} → ${b.saveAllData}` });
    if (a.securityLevel !== b.securityLevel)
      this.push({ subject: "flow", kind: "changed", field: "security level", old: a.securityLevel, new: b.securityLevel, message: `security level ${v(a.securityLevel)} → ${v(b.securityLevel)}` });
    if (a.notes.join("\u0000") !== b.notes.join("\u0000"))
      this.push({ subject: "flow", kind: "comment", field: "notes", old: a.notes, new: b.notes, message: `free-standing notes changed` });
  }

  private pairCards(x: Card, y: Card): void {
    this.pair.set(x, y);
    const blocksY = new Map(y.blocks.map((blk) => [blk.label, blk]));
    const seen = new Set<Block>();
    for (const bx of x.blocks) {
      const by = blocksY.get(bx.label);
      if (by && !seen.has(by)) {
        seen.add(by);
        if (bx.root && by.root) this.pair.set(bx.root, by.root);
        this.alignLists(bx.steps, by.steps);
        this.alignLists(bx.unreachable, by.unreachable);
      } else {
        for (const c of [...bx.steps, ...bx.unreachable]) this.collectLeftover(c, this.leftoverA);
      }
    }
    for (const by of y.blocks) if (!seen.has(by)) for (const c of [...by.steps, ...by.unreachable]) this.collectLeftover(c, this.leftoverB);
  }

  private collectLeftover(card: Card, into: Card[]): void {
    into.push(card);
    for (const blk of card.blocks) for (const c of [...blk.steps, ...blk.unreachable]) this.collectLeftover(c, into);
  }

  /**
   * Weighted LCS: same kind is required; equal name and equal content are preferred.
   * A leading run of cards equal in kind, name and content is paired first: some optimal alignment always pairs such
   * a first pair, and the traceback below would pick it too, so the result is the same while the table (n × m) only
   * covers the rest: diffing a 100k-card flow against a reordered copy of itself no longer needs 10^10 cells.
   * A rest still too large for a table (two long flows that differ from their first card) is aligned greedily.
   */
  private alignLists(xs: Card[], ys: Card[]): void {
    const score = (x: Card, y: Card) => {
      if (kindKey(x.kind) !== kindKey(y.kind)) return 0;
      return 8 + (x.name === y.name ? 4 : 0) + (contentSignature(x) === contentSignature(y) ? 2 : 0);
    };
    let p = 0;
    while (p < xs.length && p < ys.length && score(xs[p]!, ys[p]!) === 14) {
      this.pairCards(xs[p]!, ys[p]!);
      p++;
    }
    const n = xs.length - p;
    const m = ys.length - p;
    if (n * m > MAX_ALIGNMENT_CELLS) return this.alignGreedily(xs.slice(p), ys.slice(p), score);
    const x = (i: number) => xs[p + i]!;
    const y = (j: number) => ys[p + j]!;
    const dp: Int32Array[] = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) {
        const s = score(x(i), y(j));
        dp[i]![j] = Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!, s > 0 ? s + dp[i + 1]![j + 1]! : 0);
      }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      const s = score(x(i), y(j));
      if (s > 0 && dp[i]![j] === s + dp[i + 1]![j + 1]!) {
        this.pairCards(x(i), y(j));
        i++;
        j++;
      } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) this.collectLeftover(x(i++), this.leftoverA);
      else this.collectLeftover(y(j++), this.leftoverB);
    }
    while (i < n) this.collectLeftover(x(i++), this.leftoverA);
    while (j < m) this.collectLeftover(y(j++), this.leftoverB);
  }

  /** In order: a card pairs with the next card of the same kind on the other side, else it is a leftover. */
  private alignGreedily(xs: Card[], ys: Card[], score: (x: Card, y: Card) => number): void {
    let j = 0;
    for (const x of xs) {
      let k = j;
      while (k < ys.length && k < j + GREEDY_LOOKAHEAD && score(x, ys[k]!) === 0) k++;
      if (k === ys.length || k === j + GREEDY_LOOKAHEAD) {
        this.collectLeftover(x, this.leftoverA);
        continue;
      }
      while (j < k) this.collectLeftover(ys[j++]!, this.leftoverB);
      this.pairCards(x, ys[j++]!);
    }
    while (j < ys.length) this.collectLeftover(ys[j++]!, this.leftoverB);
  }

  /** Leftovers of the same kind and name (else same content) on both sides are one card that moved. */
  private pairMoves(): void {
    for (const same of [(x: Card, y: Card) => x.name === y.name, (x: Card, y: Card) => contentSignature(x) === contentSignature(y)]) {
      for (const x of [...this.leftoverA].sort((p, r) => p.pos - r.pos)) {
        if (this.pair.has(x)) continue;
        const takenB = new Set(this.pair.values());
        const y = this.leftoverB.filter((c) => !takenB.has(c) && kindKey(c.kind) === kindKey(x.kind) && same(x, c)).sort((p, r) => p.pos - r.pos)[0];
        if (!y) continue;
        this.pair.set(x, y);
        this.push({ subject: "card", kind: "moved", card: cardTitle(y), old: x.location, new: y.location, message: `card ${q(cardTitle(y))} moved from ${x.location} to ${y.location}` });
        // Its nested blocks pair up with each other like any paired card's.
        this.pairBlocksOfMoved(x, y);
      }
    }
  }

  private pairBlocksOfMoved(x: Card, y: Card): void {
    const blocksY = new Map(y.blocks.map((blk) => [blk.label, blk]));
    for (const bx of x.blocks) {
      const by = blocksY.get(bx.label);
      if (!by) continue;
      if (bx.root && by.root) this.pair.set(bx.root, by.root);
      const steps = [...bx.steps];
      const stepsY = [...by.steps];
      // Children were already collected as leftovers; pair those that line up.
      for (let k = 0; k < Math.min(steps.length, stepsY.length); k++) {
        const cx = steps[k]!;
        const cy = stepsY[k]!;
        if (this.pair.has(cx) || [...this.pair.values()].includes(cy) || kindKey(cx.kind) !== kindKey(cy.kind)) continue;
        this.pair.set(cx, cy);
        this.pairBlocksOfMoved(cx, cy);
      }
    }
  }

  private compareCards(x: Card, y: Card): void {
    const title = cardTitle(y);
    const at = `card ${q(title)}`;
    const add = (c: Omit<Change, "flow" | "subject" | "card" | "message">, text: string) =>
      this.push({ subject: "card", card: title, ...c, message: `${at}: ${text}` });
    if (kindKey(x.kind) !== kindKey(y.kind)) add({ kind: "changed", field: "card", old: kindKey(x.kind), new: kindKey(y.kind) }, `card type ${kindKey(x.kind)} → ${kindKey(y.kind)}`);
    if (x.name !== y.name)
      this.push({ subject: "card", kind: "renamed", card: title, old: x.name, new: y.name, message: `card ${q(cardTitle(x))} renamed to ${q(y.name)}` });
    if (x.kind.version !== y.kind.version) add({ kind: "version", field: "version", old: x.kind.version, new: y.kind.version }, `connector version ${v(x.kind.version)} → ${v(y.kind.version)}`);
    const xConnection = typeof x.connection === "string" ? (this.renames.connections.get(x.connection) ?? x.connection) : x.connection;
    if (xConnection !== y.connection)
      add({ kind: "connection", field: "connection", old: x.connection ?? null, new: y.connection ?? null }, `connection ${v(x.connection ?? null)} → ${v(y.connection ?? null)}`);
    if (x.comment !== y.comment) add({ kind: "comment", field: "comment", old: x.comment, new: y.comment }, `comment ${v(x.comment)} → ${v(y.comment)}`);
    this.compareFields("field", "start field", x.fields, y.fields, add);
    this.compareFields("option", "option", x.options, y.options, add);
    this.compareFields("constant", "constant", x.constants, y.constants, add);
    const calls = (f: Field[]) => f.map((c) => ({ input: c.input, value: c.value }));
    this.compareFields("call", "calls", calls(x.calls).map((c) => ({ ...c, value: typeof c.value === "string" ? (this.renames.flows.get(c.value) ?? c.value) : c.value })), calls(y.calls), add, calls(x.calls));
    const tx = x.template ? this.templateKey(x.template.parts, "a") : null;
    const ty = y.template ? this.templateKey(y.template.parts, "b") : null;
    if (tx !== ty)
      add({ kind: "text", field: x.template?.input ?? y.template?.input ?? "_text_", old: x.template ? templateText(x.template.parts) : null, new: y.template ? templateText(y.template.parts) : null }, `text ${v(x.template ? templateText(x.template.parts) : null)} → ${v(y.template ? templateText(y.template.parts) : null)}`);
    this.compareWires(x, y, add);
    const px = this.policyKey(x.errorPolicy, true);
    const py = this.policyKey(y.errorPolicy, false);
    if (px !== py)
      add({ kind: "error-policy", field: "on error", old: x.errorPolicy, new: y.errorPolicy }, `error policy ${policyText(x.errorPolicy)} → ${policyText(y.errorPolicy)}`);
  }

  private compareFields(
    kind: ChangeKind,
    noun: string,
    xs: Field[],
    ys: Field[],
    add: (c: Omit<Change, "flow" | "subject" | "card" | "message">, text: string) => void,
    shownX: Field[] = xs,
  ): void {
    const mx = new Map(xs.map((f, i) => [f.input, { key: this.valueKey(f.value, "a"), shown: shownX[i]?.value ?? f.value }]));
    const my = new Map(ys.map((f) => [f.input, { key: this.valueKey(f.value, "b"), shown: f.value }]));
    for (const [input, fx] of mx) {
      const fy = my.get(input);
      if (fy === undefined) add({ kind, field: input, old: display(fx.shown), new: null }, `${noun} ${q(input)} ${v(display(fx.shown))} → (none)`);
      else if (fx.key !== fy.key) add({ kind, field: input, old: display(fx.shown), new: display(fy.shown) }, `${noun} ${q(input)} ${v(display(fx.shown))} → ${v(display(fy.shown))}`);
    }
    for (const [input, fy] of my) if (!mx.has(input)) add({ kind, field: input, old: null, new: display(fy.shown) }, `${noun} ${q(input)} (none) → ${v(display(fy.shown))}`);
  }

  private compareWires(x: Card, y: Card, add: (c: Omit<Change, "flow" | "subject" | "card" | "message">, text: string) => void): void {
    const mx = new Map(x.wires.map((w) => [w.input, w.sources]));
    const my = new Map(y.wires.map((w) => [w.input, w.sources]));
    const texts = (refs: Ref[] | undefined) => (refs === undefined ? "(none)" : refs.map(wireText).join(" + "));
    for (const input of [...new Set([...mx.keys(), ...my.keys()])]) {
      const sx = mx.get(input);
      const sy = my.get(input);
      const same = sx !== undefined && sy !== undefined && sx.length === sy.length && sx.every((r, i) => this.sameSource(r, sy[i]!));
      if (!same) {
        const sorted = sx !== undefined && sy !== undefined && sx.length === sy.length && this.sameSourceSet(sx, sy);
        if (sorted) continue;
        add({ kind: "wiring", field: input, old: sx ? sx.map(wireText) : null, new: sy ? sy.map(wireText) : null }, `wire ${q(input)} ${texts(sx)} → ${texts(sy)}`);
      } else if (sx.some((r, i) => (r.convert ?? "") !== (sy[i]!.convert ?? ""))) {
        add(
          { kind: "transform", field: input, old: sx.map((r) => r.convert), new: sy.map((r) => r.convert) },
          `transform on ${q(input)} (${sx.map(refText).join(" + ")}) ${sx.map((r) => r.convert ?? "none").join(",")} → ${sy.map((r) => r.convert ?? "none").join(",")}`,
        );
      }
    }
  }

  private sameSourceSet(xs: Ref[], ys: Ref[]): boolean {
    const rest = [...ys];
    for (const r of xs) {
      const i = rest.findIndex((s) => this.sameSource(r, s) && (r.convert ?? "") === (s.convert ?? ""));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return true;
  }

  private sameSource(r: Ref, s: Ref): boolean {
    if (r.output !== s.output || r.path.join("\u0000") !== s.path.join("\u0000")) return false;
    if (r.card === null || s.card === null) return r.card === s.card && r.missing === s.missing;
    return this.pair.get(r.card) === s.card;
  }

  /** A value with embedded wires made comparable across the two sides (cards by their pairing). */
  private valueKey(value: unknown, side: "a" | "b"): string {
    const norm = (x: unknown): unknown => {
      if (x instanceof EmbeddedRef) return { "\u0000wire": this.refKey(x.ref, side) };
      if (side === "a" && isTableRef(x)) return { table: this.renames.tables.get(x.table) ?? x.table };
      if (side === "a" && isFlowRef(x)) return { flow: this.renames.flows.get(x.flow) ?? x.flow };
      if (Array.isArray(x)) return x.map(norm);
      if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, norm(y)]));
      return x;
    };
    return canonicalJson(norm(value));
  }

  private refKey(ref: Ref, side: "a" | "b"): string {
    let card = "";
    if (ref.card === null) card = `missing:${ref.missing ?? ""}`;
    else if (side === "b") card = `b${ref.card.pos}`;
    else {
      const paired = this.pair.get(ref.card);
      card = paired ? `b${paired.pos}` : `a${ref.card.pos}`;
    }
    return `${card}\u0000${ref.output}\u0000${ref.path.join("\u0000")}\u0000${ref.convert ?? ""}`;
  }

  private templateKey(parts: TemplatePart[], side: "a" | "b"): string {
    return canonicalJson(parts.map((p) => ("text" in p ? { t: p.text } : "ref" in p ? { r: this.refKey(p.ref, side) } : { v: canonicalJson(p.value) })));
  }

  private policyKey(p: ErrorPolicyView | null, renameFlows: boolean): string {
    if (!p) return "null";
    const flow = p.flow !== undefined && renameFlows ? (this.renames.flows.get(p.flow) ?? p.flow) : p.flow;
    return canonicalJson({ ...p, flow });
  }
}

function isTableRef(x: unknown): x is { table: string } {
  return isObject(x) && Object.keys(x).length === 1 && typeof x.table === "string";
}

function isFlowRef(x: unknown): x is { flow: string } {
  return isObject(x) && Object.keys(x).length === 1 && typeof x.flow === "string";
}

function policyText(p: ErrorPolicyView | null): string {
  if (!p) return "default (stop the flow)";
  const parts = [`type ${p.type}`];
  if (p.flow !== undefined) parts.push(`helper flow ${q(p.flow)}`);
  if (p.retry !== undefined) parts.push(`retry ${JSON.stringify(p.retry)}`);
  if (p.delay !== undefined) parts.push(`delay ${JSON.stringify(p.delay)}`);
  if (p.retryCondition !== undefined) parts.push(`on ${JSON.stringify(p.retryCondition)}`);
  if (p.other !== undefined) parts.push(JSON.stringify(p.other));
  return parts.join(", ");
}

/** Values in messages: embedded wires as their text, everything else as JSON. */
function display(value: unknown): unknown {
  if (value instanceof EmbeddedRef) return { wire: wireText(value.ref) };
  if (Array.isArray(value)) return value.map(display);
  if (isObject(value)) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(value)) Object.defineProperty(out, k, { value: display(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function q(name: string): string {
  return JSON.stringify(name);
}

function v(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

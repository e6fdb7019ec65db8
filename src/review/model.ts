/**
 * The presentation model: a flopack as a reviewer sees it, with every generated id replaced by a human name.
 *
 * Pipeline per flow (FLOPACK §3.3, §6, §10 "decompiler checklist"):
 *   1. index each scope (top-level flow, inline flow): cards by uuid, control edges, incoming pins;
 *   2. walk the orderings from the root (never methods[] order), folding If/Else branches + Join,
 *      inline flows (If/ElseIf, If Error, For Each) and the Okta event wrapper into nested blocks;
 *      whatever the walk cannot reach is kept in `unreachable` (malformed graphs never crash or hang);
 *   3. give each card a unique label (display name, duplicates numbered by execution position);
 *   4. resolve inputs: options, constants, helper calls, Compose templates and wires, folding hidden
 *      `object:expand` cards into field paths and wormholes into the outer card they come from.
 * Every order below is derived from content, so two exports that differ only in ids or storage order
 * give the same model.
 */
import { cardKindOf, isKernel, kindKey, type CardKind } from "./address.js";
import { arr, canonicalJson, compareStrings, entries, get, getPath, isEmptyValue, isObject, str } from "./json.js";

export interface PackView {
  folders: FolderView[];
  connections: ConnectionView[];
  tables: TableView[];
  flows: FlowView[];
}

export interface FolderView {
  path: string;
  name: string;
  description: string;
}

export interface ConnectionView {
  name: string;
  connector: string;
  /** Flows whose cards use it (names, sorted). */
  usedBy: string[];
}

export interface TableView {
  name: string;
  description: string;
  folder: string | null;
  columns: Array<{ name: string; type: string; default: unknown }>;
}

export type TriggerKind = "schedule" | "helper" | "api-endpoint" | "delegated" | "event" | "manual" | "unknown";

export interface ScheduleView {
  words: string;
  cron: string;
  timeZone: string;
  startDate: string;
  endDate: string;
}

export interface FlowView {
  name: string;
  description: string;
  folder: string | null;
  triggerKind: TriggerKind;
  trigger: Card | null;
  schedule: ScheduleView | null;
  saveAllData: boolean;
  securityLevel: string | null;
  steps: Card[];
  unreachable: Card[];
  notes: string[];
  anomalies: string[];
  /** Every card of the flow (inline ones included), by execution position. */
  cards: Card[];
}

export interface Ref {
  /** The source card, or null when the wire points at nothing resolvable. */
  card: Card | null;
  /** Shown when `card` is null. */
  missing?: string;
  output: string;
  path: string[];
  convert: string | null;
}

export interface Wire {
  input: string;
  sources: Ref[];
}

export interface Field {
  input: string;
  value: unknown;
}

export type TemplatePart = { text: string } | { ref: Ref } | { value: unknown };

export interface Block {
  label: string;
  /** The inline flow's start card: wires from it read as the owning card. */
  root: Card | null;
  steps: Card[];
  unreachable: Card[];
}

export interface ErrorPolicyView {
  type: string;
  retry?: unknown;
  delay?: unknown;
  retryCondition?: unknown;
  flow?: string;
  merge?: unknown;
  other?: Record<string, unknown>;
}

export interface Card {
  /** Execution position in its flow, pre-order; -1 for cards that are never shown (aliases). */
  pos: number;
  label: string;
  name: string;
  kind: CardKind;
  /** Connection name for connector cards (null = none chosen); undefined for kernel cards. */
  connection?: string | null;
  options: Field[];
  constants: Field[];
  calls: Field[];
  template: { input: string; parts: TemplatePart[] } | null;
  wires: Wire[];
  /** Start-card fields (helper parameters, API endpoint fields): label → type. */
  fields: Field[];
  errorPolicy: ErrorPolicyView | null;
  comment: string | null;
  blocks: Block[];
  /** Where it stands: block path + index, for "moved" reports. */
  location: string;
}

interface PackIndex {
  ids: Set<string>;
  flowNames: Map<string, string>;
  tableNames: Map<string, string>;
  configNames: Map<string, string>;
}

interface Scope {
  methods: Map<string, unknown>;
  views: Map<string, Card>;
  /** target uuid → input id → pins into it. */
  incoming: Map<string, Map<string, Array<{ src: string; output: string; transform: unknown }>>>;
  owner: Card | null;
  ownerMethod: unknown;
  parent: Scope | null;
  rootUuid: string | null;
  /** The flow object (flo.data or an inline flow) this scope was built from. */
  data: unknown;
}

const EXPAND = (k: CardKind) => isKernel(k, "object", "expand");

export function buildPackView(flopack: unknown): PackView {
  const data = get(flopack, "data");
  const index: PackIndex = { ids: collectIds(data), flowNames: new Map(), tableNames: new Map(), configNames: new Map() };
  for (const [id, flo] of entries(get(data, "flos"))) index.flowNames.set(id, str(get(flo, "name")) ?? "(unnamed flow)");
  for (const [id, t] of entries(get(data, "tables"))) index.tableNames.set(id, str(get(t, "name")) ?? "(unnamed table)");
  for (const [id, c] of entries(get(data, "configs"))) index.configNames.set(id, str(get(c, "name")) ?? "(unnamed connection)");

  const folderPaths = buildFolderPaths(get(data, "groups"));
  const folders: FolderView[] = [...folderPaths.entries()].map(([id, path]) => ({
    path,
    name: str(getPath(get(data, "groups"), id, "data", "name")) ?? "",
    description: str(getPath(get(data, "groups"), id, "data", "description")) ?? "",
  }));
  folders.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.description, b.description));

  const flows: FlowView[] = [];
  for (const [, flo] of entries(get(data, "flos"))) flows.push(buildFlow(flo, index, folderPaths));
  flows.sort((a, b) => compareStrings(a.folder ?? "", b.folder ?? "") || compareStrings(a.name, b.name));

  const usedBy = new Map<string, Set<string>>();
  for (const flow of flows)
    for (const card of flow.cards as CardWithConfig[]) {
      const cfg = card.connectionId;
      if (cfg !== undefined) {
        let set = usedBy.get(cfg);
        if (!set) usedBy.set(cfg, (set = new Set()));
        set.add(flow.name);
      }
    }
  const connections: ConnectionView[] = entries(get(data, "configs")).map(([id, c]) => ({
    name: str(get(c, "name")) ?? "(unnamed connection)",
    connector: str(get(c, "module")) ?? "?",
    usedBy: [...(usedBy.get(id) ?? [])].sort(compareStrings),
  }));
  connections.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.connector, b.connector));

  const tables: TableView[] = entries(get(data, "tables")).map(([, t]) => ({
    name: str(get(t, "name")) ?? "(unnamed table)",
    description: str(get(t, "description")) ?? "",
    folder: folderName(folderPaths, getPath(t, "data", "group_id")),
    columns: arr(getPath(t, "data", "structure")).map((c) => ({
      name: str(get(c, "name")) ?? "?",
      type: str(get(c, "type")) ?? "?",
      default: get(c, "default") ?? null,
    })),
  }));
  tables.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(canonicalJson(a), canonicalJson(b)));

  for (const flow of flows) for (const card of flow.cards as CardWithConfig[]) delete card.connectionId;
  return { folders, connections, tables, flows };
}

/** Generated ids: collection keys, card uuids, entry ids, edge ids (top-level and inline scopes). */
function collectIds(data: unknown): Set<string> {
  const ids = new Set<string>();
  const scope = (fd: unknown, depth: number): void => {
    if (depth > 16) return;
    for (const [edge] of entries(get(fd, "orderings"))) ids.add(edge);
    for (const m of arr(get(fd, "methods"))) {
      const uuid = str(get(m, "uuid"));
      if (uuid !== undefined) ids.add(uuid);
      for (const side of ["inputs", "outputs"]) {
        for (const [id, e] of entries(getPath(m, "node", "model", side, "data"))) {
          ids.add(id);
          const inline = getPath(e, "value", "data");
          if (getPath(e, "value", "type") === "flo" && isObject(inline)) scope(inline, depth + 1);
        }
      }
      const policyFlo = getPath(m, "node", "model", "policy", "error", "flo");
      if (isObject(policyFlo)) scope(policyFlo, depth + 1);
    }
  };
  for (const coll of ["flos", "configs", "tables", "groups"])
    for (const [id, value] of entries(get(data, coll))) {
      ids.add(id);
      if (coll === "flos") scope(get(value, "data"), 0);
    }
  return ids;
}

/** Folder id → "Root / Child" (names along the parent chain recorded in `path`). */
function buildFolderPaths(groups: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, g] of entries(groups)) names.set(id, str(getPath(g, "data", "name")) ?? "(unnamed folder)");
  const paths = new Map<string, string>();
  for (const [id, g] of entries(groups)) {
    const chain = (str(getPath(g, "data", "path")) ?? "").split(".").filter((s) => s !== "");
    paths.set(id, [...chain.map((p) => names.get(p) ?? "(missing folder)"), names.get(id) ?? ""].join(" / "));
  }
  return paths;
}

function folderName(paths: Map<string, string>, id: unknown): string | null {
  if (typeof id !== "string") return null;
  return paths.get(id) ?? "(folder not exported)";
}

// ---------------------------------------------------------------------------------------------------
// Flows

type CardWithConfig = Card & { connectionId?: string; method?: unknown; scope?: Scope };

interface FlowBuild {
  index: PackIndex;
  /** Every generated id of the pack (to blank them out of tie-break signatures). */
  ids: Set<string>;
  order: CardWithConfig[];
  anomalies: string[];
}

function buildFlow(flo: unknown, index: PackIndex, folders: Map<string, string>): FlowView {
  const fd = get(flo, "data");
  const build: FlowBuild = { index, ids: index.ids, order: [], anomalies: [] };
  const scope = indexScope(fd, null, null, null, build);
  const walked = walkScope(scope, build, "", true);
  let trigger = walked.root;
  let steps = walked.steps;
  const unreachable = walked.unreachable;

  let triggerKind: TriggerKind = "unknown";
  const scheduled = get(fd, "scheduled") === true;
  if (trigger) {
    const k = trigger.kind;
    if (isKernel(k, "control", "callable")) triggerKind = scheduled ? "schedule" : "helper";
    else if (isKernel(k, "http", "accept")) triggerKind = "api-endpoint";
    else if (isKernel(k, "http", "delegated")) triggerKind = "delegated";
    else if (isKernel(k, "control", "noop")) triggerKind = "manual";
    else if (!k.kernel) triggerKind = "event";
  }
  // Okta event flows are stored as [event card → For Each - Ignore Errors(inline flow)] (FLOPACK §3.10).
  if (trigger && triggerKind === "event" && steps.length === 1 && unreachable.length === 0) {
    const only = steps[0]!;
    const inline = only.blocks[0];
    if (isKernel(only.kind, "list", "asyncEach") && only.blocks.length === 1 && inline) {
      if (inline.root) inline.root.label = trigger.label;
      aliasTo(inline.root, trigger);
      only.pos = -1;
      steps = inline.steps;
      unreachable.push(...inline.unreachable);
    }
  }

  const cards = assignLabels(build);
  resolveAll(build);

  const cron = get(fd, "cron");
  const schedule = scheduled || (isObject(cron) && Object.keys(cron).length > 0) ? describeSchedule(cron) : null;
  if (trigger && trigger.pos === -1) trigger = null;
  return {
    name: str(get(flo, "name")) ?? "(unnamed flow)",
    description: str(get(flo, "description")) ?? "",
    folder: folderName(folders, get(fd, "group")),
    triggerKind,
    trigger,
    schedule,
    saveAllData: get(fd, "log") === true,
    securityLevel: str(get(fd, "security_level")) ?? null,
    steps,
    unreachable,
    notes: walked.notes,
    anomalies: [...new Set(build.anomalies)].sort(compareStrings),
    cards,
  };
}

/** Wires from an alias (an inline flow's start card) read as the card it stands for. */
const aliases = new WeakMap<Card, Card>();
function aliasTo(alias: Card | null, target: Card): void {
  if (alias) aliases.set(alias, target);
}
export function canonicalCard(card: Card): Card {
  return aliases.get(card) ?? card;
}

function indexScope(fd: unknown, parent: Scope | null, owner: Card | null, ownerMethod: unknown, build: FlowBuild): Scope {
  const scope: Scope = { methods: new Map(), views: new Map(), incoming: new Map(), owner, ownerMethod, parent, rootUuid: null, data: fd };
  for (const m of arr(get(fd, "methods"))) {
    const uuid = str(get(m, "uuid"));
    if (uuid === undefined) {
      build.anomalies.push("a card without a uuid");
      continue;
    }
    if (scope.methods.has(uuid)) {
      build.anomalies.push("two cards share one uuid");
      continue;
    }
    scope.methods.set(uuid, m);
  }
  for (const [src, m] of scope.methods) {
    for (const [outputId, targets] of entries(get(m, "pins"))) {
      for (const [target, links] of entries(targets)) {
        for (const link of arr(links)) {
          const input = str(get(link, "input"));
          if (input === undefined) continue;
          let byInput = scope.incoming.get(target);
          if (!byInput) scope.incoming.set(target, (byInput = new Map()));
          let list = byInput.get(input);
          if (!list) byInput.set(input, (list = []));
          list.push({ src, output: outputId, transform: get(link, "transform") });
        }
      }
    }
  }
  return scope;
}

interface Walked {
  root: Card | null;
  steps: Card[];
  unreachable: Card[];
  notes: string[];
}

function methodKind(m: unknown): CardKind {
  return cardKindOf(get(m, "address"));
}

function displayName(m: unknown): string {
  return str(getPath(m, "node", "data", "name")) ?? str(getPath(m, "node", "model", "metadata", "name")) ?? "";
}

/** A content signature of a card used only to break ties deterministically (never ids). */
/** Inputs (keys, constants with ids blanked) and where their wires come from (type + name + output key). */
function contentSignature(scope: Scope, uuid: string, build: FlowBuild): string {
  const m = scope.methods.get(uuid);
  const incoming = scope.incoming.get(uuid);
  const parts = sortedEntries(getPath(m, "node", "model", "inputs", "data")).map((e) => {
    const value = get(e, "value");
    const data = get(value, "type") === "flo" ? null : scrubIds(get(value, "data"), build.ids);
    const pins = (incoming?.get(str(get(e, "id")) ?? "") ?? []).map((p) => {
      const src = scope.methods.get(p.src);
      const out = get(getPath(src, "node", "model", "outputs", "data"), p.output);
      return `${signature(src)}.${str(get(out, "key")) ?? "?"}`;
    });
    return [str(get(e, "group")) ?? null, str(get(e, "key")) ?? null, data, pins.sort(compareStrings)];
  });
  return `${signature(m)}\u0001${canonicalJson(parts)}`;
}

function scrubIds(value: unknown, ids: Set<string>): unknown {
  if (typeof value === "string") return ids.has(value) ? "#" : value;
  if (Array.isArray(value)) return value.map((v) => scrubIds(v, ids));
  if (isObject(value)) return Object.entries(value).map(([k, v]) => [ids.has(k) ? "#" : k, scrubIds(v, ids)]);
  return value;
}

function signature(m: unknown): string {
  return `${str(get(m, "address")) ?? ""}\u0000${displayName(m)}`;
}

function walkScope(scope: Scope, build: FlowBuild, location: string, topLevel: boolean): Walked {
  const hidden = new Set<string>();
  for (const [uuid, m] of scope.methods) if (EXPAND(methodKind(m))) hidden.add(uuid);
  const succ = new Map<string, string[]>();
  const joinSucc = new Map<string, string[]>();
  const hasIncoming = new Set<string>();
  const isJoin = (uuid: string) => isKernel(methodKind(scope.methods.get(uuid)), "control", "join");
  for (const [, edge] of entries(get(scope.data, "orderings"))) {
    const a = str(arr(edge)[0]);
    const b = str(arr(edge)[1]);
    if (a === undefined || b === undefined || !scope.methods.has(a) || !scope.methods.has(b)) {
      build.anomalies.push("an ordering edge points at a card that does not exist");
      continue;
    }
    if (a === b || hidden.has(a) || hidden.has(b)) continue;
    const map = isJoin(b) ? joinSucc : succ;
    let list = map.get(a);
    if (!list) map.set(a, (list = []));
    if (!list.includes(b)) list.push(b);
    hasIncoming.add(b);
  }
  // Ties between cards of equal type and name (only in malformed graphs) are broken by their content and
  // by what follows them, never by ids or storage order.
  const ownSigs = new Map<string, string>();
  const ownSig = (u: string): string => {
    let sig = ownSigs.get(u);
    if (sig === undefined) ownSigs.set(u, (sig = contentSignature(scope, u, build)));
    return sig;
  };
  const deepSigs = new Map<string, string>();
  const deepSig = (u: string): string => {
    let sig = deepSigs.get(u);
    if (sig !== undefined) return sig;
    const levels: string[] = [];
    let level = [u];
    for (let depth = 0; depth < 16 && level.length > 0; depth++) {
      levels.push(level.map(ownSig).sort(compareStrings).join("\u0003"));
      level = level.flatMap((v) => [...(succ.get(v) ?? []), ...(joinSucc.get(v) ?? [])]).slice(0, 256);
    }
    deepSigs.set(u, (sig = levels.join("\u0004")));
    return sig;
  };
  const bySignature = (x: string, y: string) =>
    compareStrings(signature(scope.methods.get(x)), signature(scope.methods.get(y))) || compareStrings(deepSig(x), deepSig(y));
  for (const list of succ.values()) list.sort(bySignature);
  for (const list of joinSucc.values()) list.sort(bySignature);

  const branchHeads = new Set<string>();
  for (const m of scope.methods.values()) for (const [head] of entries(get(m, "branches"))) branchHeads.add(head);

  const visited = new Set<string>();
  const notes: string[] = [];

  const makeCard = (uuid: string, loc: string): Card => {
    const m = scope.methods.get(uuid);
    const card = newCard(m, loc, build);
    card.scope = scope;
    scope.views.set(uuid, card);
    build.order.push(card);
    card.blocks = buildBlocks(m, card, scope, build, loc);
    return card;
  };

  const walkChain = (start: string | undefined, loc: string, joinSink: Map<string, number> | null): Card[] => {
    const steps: Card[] = [];
    let cur = start;
    while (cur !== undefined && !visited.has(cur)) {
      visited.add(cur);
      const m = scope.methods.get(cur);
      const kind = methodKind(m);
      if (joinSink) for (const j of joinSucc.get(cur) ?? []) joinSink.set(j, (joinSink.get(j) ?? 0) + 1);
      let next: string | undefined;
      const isBranchHead = branchHeads.has(cur) && isKernel(kind, "control", "noop");
      if (!isBranchHead) {
        const card = makeCard(cur, joinLocation(loc, `step ${steps.length + 1}`));
        steps.push(card);
        const branches = entries(get(m, "branches"))
          .filter(([head]) => scope.methods.has(head))
          .sort(([h1, v1], [h2, v2]) => Number(v2 === true) - Number(v1 === true) || bySignature(h1, h2));
        if (branches.length > 0) {
          const sink = new Map<string, number>();
          for (const [head, value] of branches) {
            const label = value === true ? "then" : value === false ? "else" : `branch ${String(value)}`;
            const blockLoc = joinLocation(card.location, label);
            const blockSteps = walkChain(head, blockLoc, sink);
            card.blocks.push({ label, root: null, steps: blockSteps, unreachable: [] });
          }
          const joins = [...sink.entries()].sort((x, y) => y[1] - x[1] || bySignature(x[0], y[0]));
          next = joins[0]?.[0] ?? succ.get(cur)?.[0];
        } else {
          next = succ.get(cur)?.[0] ?? (joinSink ? undefined : joinSucc.get(cur)?.[0]);
        }
      } else {
        next = succ.get(cur)?.[0];
      }
      cur = next;
    }
    return steps;
  };

  const roots = [...scope.methods.keys()]
    .filter((u) => !hidden.has(u) && !hasIncoming.has(u) && !branchHeads.has(u))
    .sort(bySignature);
  const isComment = (u: string) => isKernel(methodKind(scope.methods.get(u)), "control", "comment");
  const triggerLike = roots.filter((u) => !isComment(u));
  const rank = (u: string) => {
    const k = methodKind(scope.methods.get(u));
    if (isKernel(k, "control", "callable") || isKernel(k, "http", "accept") || isKernel(k, "http", "delegated")) return 0;
    if (!k.kernel) return 1;
    if (isKernel(k, "control", "noop")) return 2;
    return 3;
  };
  triggerLike.sort((a, b) => rank(a) - rank(b) || bySignature(a, b));
  if (triggerLike.length > 1) build.anomalies.push("more than one start card");
  if (triggerLike.length === 0 && scope.methods.size > 0) build.anomalies.push("no start card");

  let root: Card | null = null;
  let steps: Card[] = [];
  const rootUuid = triggerLike[0];
  if (rootUuid !== undefined) {
    visited.add(rootUuid);
    scope.rootUuid = rootUuid;
    root = makeCard(rootUuid, topLevel ? "trigger" : joinLocation(location, "start"));
    steps = walkChain(succ.get(rootUuid)?.[0], location, null);
  }
  for (const u of roots) {
    if (visited.has(u) || !isComment(u)) continue;
    visited.add(u);
    const c = get(getPath(scope.methods.get(u), "node", "model"), "comments");
    notes.push(commentText(c) ?? displayName(scope.methods.get(u)));
  }
  notes.sort(compareStrings);
  // Whatever is left: other start cards first, then anything else, each walked as far as it goes.
  const unreachable: Card[] = [];
  const rest = [...triggerLike.slice(1), ...[...scope.methods.keys()].filter((u) => !hidden.has(u) && !visited.has(u)).sort(bySignature)];
  for (const u of rest) {
    if (visited.has(u)) continue;
    unreachable.push(...walkChain(u, joinLocation(location, "unreachable"), null));
  }
  if (unreachable.length > 0) build.anomalies.push("cards that cannot be reached from the start card");
  // Hidden expand cards get a view too (never shown) so wires through them resolve.
  for (const u of hidden) {
    const card = newCard(scope.methods.get(u), "", build);
    card.pos = -1;
    card.scope = scope;
    scope.views.set(u, card);
  }
  return { root, steps, unreachable, notes };
}

function joinLocation(prefix: string, segment: string): string {
  return prefix === "" ? segment : `${prefix} / ${segment}`;
}


function commentText(c: unknown): string | null {
  if (typeof c === "string") return c;
  if (isObject(c)) {
    const title = str(get(c, "title")) ?? "";
    const md = str(get(c, "markdown")) ?? "";
    return [title, md].filter((s) => s !== "").join("\n");
  }
  return null;
}

function newCard(m: unknown, location: string, build: FlowBuild): CardWithConfig {
  const kind = methodKind(m);
  const model = getPath(m, "node", "model");
  const card: CardWithConfig = {
    pos: 0,
    label: "",
    name: displayName(m),
    kind,
    options: [],
    constants: [],
    calls: [],
    template: null,
    wires: [],
    fields: [],
    errorPolicy: null,
    comment: isKernel(kind, "control", "comment") ? commentText(get(model, "comments")) : null,
    blocks: [],
    location,
    method: m,
  };
  if (!kind.kernel) {
    const cfg = get(model, "config");
    if (typeof cfg === "string") {
      card.connectionId = cfg;
      card.connection = build.index.configNames.get(cfg) ?? "(connection not exported)";
    } else if (kind.connector !== "stash") card.connection = null;
  }
  return card;
}

/** Nested inline flows of a card: If/ElseIf branches, If Error try + handler, inline For Each. */
function buildBlocks(m: unknown, card: Card, scope: Scope, build: FlowBuild, loc: string): Block[] {
  const blocks: Block[] = [];
  const kind = card.kind;
  const groupLabels = isKernel(kind, "control", "branch") ? branchGroupLabels(m) : null;
  for (const entry of sortedEntries(getPath(m, "node", "model", "inputs", "data"))) {
    const value = get(entry, "value");
    const data = get(value, "data");
    if (get(value, "type") !== "flo" || !isObject(data)) continue;
    const group = str(get(entry, "group"));
    const label = groupLabels
      ? (groupLabels.get(group ?? "") ?? "branch")
      : isKernel(kind, "control", "tryCatch")
        ? "try"
        : `flow (${str(get(entry, "key")) ?? "?"})`;
    blocks.push(inlineBlock(data, label, card, m, scope, build, loc));
  }
  const policyFlo = getPath(m, "node", "model", "policy", "error", "flo");
  if (isObject(policyFlo)) blocks.push(inlineBlock(policyFlo, "on error", card, m, scope, build, loc));
  return blocks;
}

function inlineBlock(fd: unknown, label: string, owner: Card, ownerMethod: unknown, parent: Scope, build: FlowBuild, loc: string): Block {
  const scope = indexScope(fd, parent, owner, ownerMethod, build);
  const walked = walkScope(scope, build, joinLocation(loc, label), false);
  if (walked.root) {
    walked.root.pos = -1;
    aliasTo(walked.root, owner);
    build.order.splice(build.order.indexOf(walked.root as CardWithConfig), 1);
  }
  return { label, root: walked.root, steps: walked.steps, unreachable: walked.unreachable };
}

/** If/ElseIf groups: "if", "else if 1".., "else" (else-if groups have random ids, never shown). */
function branchGroupLabels(m: unknown): Map<string, string> {
  const rules = getPath(m, "node", "model", "inputs", "groupRules");
  const firstIndex = new Map<string, number>();
  for (const entry of sortedEntries(getPath(m, "node", "model", "inputs", "data"))) {
    const g = str(get(entry, "group"));
    if (g === undefined || g === "context" || g === "parameters" || firstIndex.has(g)) continue;
    firstIndex.set(g, firstIndex.size);
  }
  const groups = [...firstIndex.keys()].filter((g) => g !== "if" && g !== "else");
  const ruleIndex = (g: string) => {
    const i = getPath(rules, g, "index");
    return typeof i === "number" ? i : Number.MAX_SAFE_INTEGER;
  };
  groups.sort((a, b) => ruleIndex(a) - ruleIndex(b) || (firstIndex.get(a) ?? 0) - (firstIndex.get(b) ?? 0));
  const labels = new Map<string, string>([
    ["if", "if"],
    ["else", "else"],
  ]);
  groups.forEach((g, i) => labels.set(g, `else if ${i + 1}`));
  return labels;
}

// ---------------------------------------------------------------------------------------------------
// Entries

/** Input/output entries in UI order: metadata.index, then group, key and value (never storage order). */
const sortedCache = new WeakMap<object, unknown[]>();

export function sortedEntries(data: unknown): unknown[] {
  if (!isObject(data)) return [];
  let cached = sortedCache.get(data);
  if (cached === undefined) sortedCache.set(data, (cached = sortEntries(data)));
  return cached;
}

function sortEntries(data: unknown): unknown[] {
  const list = entries(data).map(([, e]) => e);
  const idx = (e: unknown) => {
    const i = getPath(e, "metadata", "index");
    return typeof i === "number" && Number.isFinite(i) ? i : Number.MAX_SAFE_INTEGER;
  };
  return list.sort(
    (a, b) =>
      idx(a) - idx(b) ||
      compareStrings(str(get(a, "group")) ?? "", str(get(b, "group")) ?? "") ||
      compareStrings(str(get(a, "key")) ?? "", str(get(b, "key")) ?? "") ||
      compareStrings(canonicalJson(getPath(a, "value", "data")), canonicalJson(getPath(b, "value", "data"))),
  );
}

/** Keys the UI generates for unnamed fields (list Construct items, Compose tokens...): short random ids. */
const GENERATED_KEY = /^(?=[A-Za-z0-9_-]*[0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{8,12}$/;

/** What the UI calls an entry: its key, or its display name when the key is a generated token. */
function entryName(e: unknown): string {
  const key = str(get(e, "key")) ?? "?";
  const display = str(getPath(e, "metadata", "displayname"));
  return display !== undefined && display.trim() !== "" && GENERATED_KEY.test(key) ? display.trim() : key;
}

/** Labels for entries: the key, or `group/key` when the key repeats on the card, numbered if still equal. */
function entryLabels(list: unknown[], groupLabel: (g: string | undefined) => string | undefined): Map<unknown, string> {
  const keyCount = new Map<string, number>();
  for (const e of list) {
    const k = entryName(e);
    keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
  }
  const labels = new Map<unknown, string>();
  const used = new Map<string, number>();
  for (const e of list) {
    const k = entryName(e);
    const g = groupLabel(str(get(e, "group")));
    let label = (keyCount.get(k) ?? 0) > 1 && g !== undefined ? `${g}/${k}` : k;
    const n = (used.get(label) ?? 0) + 1;
    used.set(label, n);
    if (n > 1) label = `${label} #${n}`;
    labels.set(e, label);
  }
  return labels;
}

const outputLabelCache = new WeakMap<unknown[], Map<unknown, string>>();

function outputLabels(outputs: unknown[]): Map<unknown, string> {
  let labels = outputLabelCache.get(outputs);
  if (labels === undefined) outputLabelCache.set(outputs, (labels = entryLabels(outputs, (g) => g)));
  return labels;
}

function inputGroupLabeler(card: Card, m: unknown): (g: string | undefined) => string | undefined {
  const branchLabels = isKernel(card.kind, "control", "branch") ? branchGroupLabels(m) : null;
  return (g) => (g === undefined ? undefined : branchLabels ? (branchLabels.get(g) ?? g) : g);
}

// ---------------------------------------------------------------------------------------------------
// Labels

function assignLabels(build: FlowBuild): Card[] {
  const shown = build.order.filter((c) => c.pos !== -1);
  const count = new Map<string, number>();
  shown.forEach((card, i) => {
    card.pos = i;
    const base = card.name === "" ? `(unnamed ${card.kind.connector} ${card.kind.action})` : card.name;
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    card.label = n === 1 ? base : `${base} #${n}`;
  });
  // Aliases (inline start cards) read as the card they stand for.
  for (const card of build.order) {
    const target = aliases.get(card);
    if (target) card.label = target.label;
  }
  return shown;
}

// ---------------------------------------------------------------------------------------------------
// Inputs and wires

const TOKEN = /\{\{\{([^{}]+?)\}\}\}/g;

function resolveAll(build: FlowBuild): void {
  for (const card of build.order) {
    const scope = card.scope;
    if (!scope) continue;
    const m = card.method;
    if (card.pos === -1 && !aliases.has(card)) continue;
    resolveCard(card, m, scope, build);
  }
  for (const card of build.order) {
    delete card.method;
    delete card.scope;
  }
}

function resolveCard(card: CardWithConfig, m: unknown, scope: Scope, build: FlowBuild): void {
  const model = getPath(m, "node", "model");
  const inputs = sortedEntries(getPath(model, "inputs", "data"));
  const labels = entryLabels(inputs, inputGroupLabeler(card, m));
  const uuid = str(get(m, "uuid")) ?? "";
  const incoming = scope.incoming.get(uuid);

  const text = inputs.find((e) => get(e, "key") === "_text_" && typeof getPath(e, "value", "data") === "string");
  const tokenKeys = new Set<string>();
  if (text) {
    for (const match of (getPath(text, "value", "data") as string).matchAll(TOKEN)) tokenKeys.add(match[1]!);
  }
  const byKey = new Map<string, unknown>();
  for (const e of inputs) {
    const k = str(get(e, "key"));
    if (k !== undefined && tokenKeys.has(k) && !byKey.has(k)) byKey.set(k, e);
  }
  const sourcesOf = (e: unknown): Ref[] => {
    const id = str(get(e, "id"));
    const pins = id === undefined ? undefined : incoming?.get(id);
    return (pins ?? []).map((p) => resolveRef(scope, p.src, p.output, p.transform, build, 0)).sort(compareRefs);
  };

  for (const e of inputs) {
    const key = str(get(e, "key")) ?? "?";
    const label = labels.get(e) ?? key;
    const meta = get(e, "metadata");
    if (get(meta, "forceHide") === true || get(meta, "wormholeMethodId") !== undefined) continue;
    if (text && e !== text && byKey.get(key) === e) continue; // shown inside the template
    const value = get(e, "value");
    const data = get(value, "data");
    const sources = sourcesOf(e);
    if (sources.length > 0) {
      card.wires.push({ input: label, sources });
      continue;
    }
    if (get(value, "type") === "flo") {
      if (typeof data === "string" && data !== "") card.calls.push({ input: label, value: build.index.flowNames.get(data) ?? "(flow not in this flopack)" });
      continue; // inline flows are blocks
    }
    if (get(meta, "custom") === true && card.pos === 0 && scope.parent === null) {
      card.fields.push({ input: label, value: typeText(value) });
      continue;
    }
    if (e === text) {
      card.template = { input: label, parts: templateParts(data as string, byKey, sourcesOf) };
      continue;
    }
    const isOption = get(e, "flags") === "p" || get(e, "group") === "parameters";
    if (isOption) {
      card.options.push({ input: label, value: optionValue(data, build) });
    } else if (!isEmptyValue(data)) {
      card.constants.push({ input: label, value: embedRefs(data, scope, build, 0) });
    }
  }

  const policy = getPath(model, "policy", "error");
  if (isObject(policy) && canonicalJson(policy) !== '{"type":"finish"}' && !isKernel(card.kind, "control", "tryCatch")) {
    card.errorPolicy = errorPolicyView(policy, build);
  } else if (isObject(policy) && isKernel(card.kind, "control", "tryCatch") && get(policy, "type") !== "handler") {
    card.errorPolicy = errorPolicyView(policy, build);
  }
}

function typeText(value: unknown): string {
  const t = get(value, "type");
  const base = typeof t === "string" ? t : isObject(t) ? "object" : "?";
  return get(value, "collection") === true ? `${base}[]` : base;
}

/** A wire written inside a constant (e.g. a Tables "Where Expression" `{methodId, outputId}`). */
export class EmbeddedRef {
  constructor(readonly ref: Ref) {}
}

function embedRefs(value: unknown, scope: Scope, build: FlowBuild, depth: number): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => embedRefs(v, scope, build, depth + 1));
  if (!isObject(value)) return value;
  const methodId = get(value, "methodId");
  const outputId = get(value, "outputId");
  if (typeof methodId === "string" && typeof outputId === "string") {
    let s: Scope | null = scope;
    while (s && !s.methods.has(methodId)) s = s.parent;
    return new EmbeddedRef(resolveRef(s ?? scope, methodId, outputId, null, build, 0));
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: embedRefs(v, scope, build, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function optionValue(data: unknown, build: FlowBuild): unknown {
  if (typeof data === "string") {
    const table = build.index.tableNames.get(data);
    if (table !== undefined) return { table };
    const flow = build.index.flowNames.get(data);
    if (flow !== undefined) return { flow };
  }
  return data;
}

function errorPolicyView(policy: Record<string, unknown>, build: FlowBuild): ErrorPolicyView {
  const view: ErrorPolicyView = { type: str(policy.type) ?? String(policy.type) };
  const other: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(policy)) {
    if (k === "type") continue;
    else if (k === "retry") view.retry = v;
    else if (k === "delay") view.delay = v;
    else if (k === "retryCondition") view.retryCondition = v;
    else if (k === "merge") view.merge = v;
    else if (k === "flo") {
      if (typeof v === "string") view.flow = build.index.flowNames.get(v) ?? "(flow not in this flopack)";
      else if (!isObject(v)) other.flo = v;
    } else other[k] = v;
  }
  if (Object.keys(other).length > 0) view.other = other;
  return view;
}

function templateParts(text: string, byKey: Map<string, unknown>, sourcesOf: (e: unknown) => Ref[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    const entry = byKey.get(match[1]!);
    const sources = entry === undefined ? [] : sourcesOf(entry);
    if (sources[0]) parts.push({ ref: sources[0] });
    else if (entry !== undefined) parts.push({ value: getPath(entry, "value", "data") ?? null });
    else parts.push({ text: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function transformConvert(transform: unknown): string | null {
  if (!isObject(transform)) return null;
  const convs = Object.values(transform)
    .map((t) => {
      const c = str(get(t, "convert")) ?? "?";
      return get(t, "forceWrapArray") === true ? `${c}+forceWrapArray` : c;
    })
    .sort(compareStrings);
  return convs.length > 0 ? convs.join(",") : null;
}

function resolveRef(scope: Scope, src: string, outputId: string, transform: unknown, build: FlowBuild, depth: number): Ref {
  const convert = transformConvert(transform);
  const m = scope.methods.get(src);
  const view = scope.views.get(src);
  if (m === undefined || view === undefined || depth > 32) {
    return { card: null, missing: "(missing card)", output: "?", path: [], convert };
  }
  const outputs = sortedEntries(getPath(m, "node", "model", "outputs", "data"));
  const output = outputs.find((o) => get(o, "id") === outputId);
  if (output === undefined) return { card: view, output: "(missing output)", path: [], convert };
  const meta = get(output, "metadata");

  if (EXPAND(view.kind)) {
    const path = arr(get(meta, "path")).map((p) => String(p));
    if (get(output, "key") === "key") path.push("(keys)");
    const expandInputs = sortedEntries(getPath(m, "node", "model", "inputs", "data"));
    const into = scope.incoming.get(src);
    for (const e of expandInputs) {
      const pin = into?.get(str(get(e, "id")) ?? "")?.[0];
      if (pin) {
        const base = resolveRef(scope, pin.src, pin.output, null, build, depth + 1);
        return { ...base, path: [...base.path, ...path], convert };
      }
    }
    const srcMethod = str(get(meta, "srcMethodId"));
    const srcOutput = str(get(meta, "srcOutputId"));
    if (srcMethod !== undefined && srcOutput !== undefined && srcMethod !== src) {
      const base = resolveRef(scope, srcMethod, srcOutput, null, build, depth + 1);
      return { ...base, path: [...base.path, ...path], convert };
    }
    return { card: null, missing: "(unresolved field)", output: path.join("."), path: [], convert };
  }

  // A wormhole: the inline flow's start card hands on a value wired into the owning card outside.
  if (src === scope.rootUuid && scope.parent && scope.owner && get(output, "group") === "context") {
    const key = get(output, "key");
    const ownerInputs = sortedEntries(getPath(scope.ownerMethod, "node", "model", "inputs", "data"));
    const ownerUuid = str(get(scope.ownerMethod, "uuid")) ?? "";
    const hole = ownerInputs.find((e) => get(e, "group") === "context" && get(e, "key") === key);
    if (hole !== undefined) {
      const pin = scope.parent.incoming.get(ownerUuid)?.get(str(get(hole, "id")) ?? "")?.[0];
      if (pin) return { ...resolveRef(scope.parent, pin.src, pin.output, null, build, depth + 1), convert };
      if (get(getPath(hole, "metadata"), "wormholeMethodId") !== undefined) {
        return { card: null, missing: "(unwired value from outside)", output: "?", path: [], convert };
      }
    }
  }
  const labels = outputLabels(outputs);
  return { card: canonicalCard(view), output: labels.get(output) ?? "?", path: [], convert };
}

export function compareRefs(a: Ref, b: Ref): number {
  return (
    (a.card?.pos ?? -2) - (b.card?.pos ?? -2) ||
    compareStrings(a.output, b.output) ||
    compareStrings(a.path.join("\u0000"), b.path.join("\u0000")) ||
    compareStrings(a.convert ?? "", b.convert ?? "")
  );
}

export function refText(ref: Ref): string {
  const head = ref.card ? `${ref.card.label}.${ref.output}` : `${ref.missing ?? "(missing)"}${ref.output !== "?" ? "." + ref.output : ""}`;
  return [head, ...ref.path].join(".");
}

// ---------------------------------------------------------------------------------------------------
// Schedules

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function describeSchedule(cron: unknown): ScheduleView {
  const f = (k: string) => {
    const v = get(cron, k);
    return typeof v === "string" ? v : v === undefined || v === null ? "*" : String(v);
  };
  const minutes = f("minutes");
  const hours = f("hours");
  const dom = f("dayOfTheMonth");
  const month = f("month");
  const dow = f("dayOfTheWeek");
  const timeZone = str(get(cron, "timeZone")) ?? "";
  const expr = `${minutes} ${hours} ${dom} ${month} ${dow}`;
  return {
    words: scheduleWords(minutes, hours, dom, month, dow) ?? `cron ${expr}`,
    cron: expr,
    timeZone,
    startDate: str(get(cron, "startDate")) ?? "",
    endDate: str(get(cron, "endDate")) ?? "",
  };
}

const INT = /^\d{1,2}$/;
const EVERY = /^\*\/(\d{1,3})$/;

function clock(h: string, m: string): string {
  return `${h.padStart(2, "0")}:${m.padStart(2, "0")}`;
}

function scheduleWords(minutes: string, hours: string, dom: string, month: string, dow: string): string | null {
  const anyDay = dom === "*" || dom === "*/1";
  const anyMonth = month === "*" || month === "*/1";
  const minuteEvery = minutes === "*" ? ["*", "1"] : EVERY.exec(minutes);
  const hourEvery = EVERY.exec(hours);
  const days = dowWords(dow);
  const onDays = dow === "*" ? "" : days ? ` on ${days}` : null;
  if (onDays === null) return null;
  if (!anyDay && dow !== "*") return null;
  if (minuteEvery && anyDay && anyMonth) {
    const n = Number(minuteEvery[1]);
    const base = n === 1 ? "every minute" : `every ${n} minutes`;
    if (hours === "*") return `${base}${onDays}`;
    if (INT.test(hours)) return `${base} during the ${clock(hours, "00")} hour${onDays}`;
    return null;
  }
  if (!INT.test(minutes)) return null;
  if ((hourEvery || hours === "*") && anyDay && anyMonth) {
    const n = hourEvery ? Number(hourEvery[1]) : 1;
    const base = n === 1 ? "every hour" : `every ${n} hours`;
    const at = minutes === "0" || minutes === "00" ? "on the hour" : `at minute ${Number(minutes)}`;
    return `${base} ${at}${onDays}`;
  }
  if (!INT.test(hours)) return null;
  const time = clock(hours, minutes);
  if (anyDay && anyMonth) return dow === "*" ? `every day at ${time}` : `every week${onDays} at ${time}`;
  if (!INT.test(dom) || dow !== "*") return null;
  if (anyMonth) return `every month on day ${Number(dom)} at ${time}`;
  const stepped = /^(\d{1,2})-(\d{1,2})\/(\d{1,2})$/.exec(month);
  if (stepped) {
    const from = MONTHS[Number(stepped[1]) - 1];
    if (from === undefined) return null;
    return `every ${Number(stepped[3])} months from ${from} on day ${Number(dom)} at ${time}`;
  }
  const monthEvery = EVERY.exec(month);
  if (monthEvery) return `every ${Number(monthEvery[1])} months on day ${Number(dom)} at ${time}`;
  if (INT.test(month) && MONTHS[Number(month) - 1]) return `every year on ${MONTHS[Number(month) - 1]} ${Number(dom)} at ${time}`;
  return null;
}

function dowWords(dow: string): string | null {
  if (dow === "*") return "";
  const names: string[] = [];
  for (const part of dow.split(",")) {
    const range = /^(\d)-(\d)$/.exec(part);
    if (range) {
      const a = DAYS[Number(range[1]) % 7];
      const b = DAYS[Number(range[2]) % 7];
      if (!a || !b) return null;
      names.push(`${a} to ${b}`);
    } else if (/^\d$/.test(part) && DAYS[Number(part) % 7]) names.push(DAYS[Number(part) % 7]!);
    else return null;
  }
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export { kindKey };

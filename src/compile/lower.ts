/**
 * DSL → IR. Phases: record every flow body (and, transitively, every helper flow it calls); name folders,
 * connections, tables and flows; lower each recorded card onto its catalog template; wire refs into pins with
 * Okta's conversions; write orderings. Every mistake is a DslError naming the flow file and line.
 */
import type { CatalogEntry } from "../catalog/entry.js";
import type { Catalog } from "../catalog/store.js";
import type { IrCard, IrCron, IrEntryRef, IrExtraEntry, IrFlow, IrFolder, IrPack, IrPolicy, IrScope, IrTable, IrValue, Json, JsonObject } from "../ir/types.js";
import { entryRefs, sideEntries } from "../lift/entries.js";
import { cloneJson, isObject, jsonEqual } from "../util/json.js";
import { slug, UniqueNames } from "../util/names.js";
import { FlowBuilder, RETURN_ADDRESS, type RecordedNode, type Recording } from "../dsl/builder.js";
import { DslError } from "../dsl/errors.js";
import { isRef } from "../dsl/handle.js";
import { TABLE_COLUMN_TYPES } from "../dsl/resources.js";
import type { CallSite, CardSpec, Connection, CustomField, ErrorPolicy, FlowDef, Folder, Input, Ref, Table, Trigger } from "../dsl/types.js";
import type { PackDef } from "../dsl/flow.js";
import { conversion, describeType, type ValueType } from "./convert.js";
import { customEntry, MIRRORED_ACTIONS } from "./custom-entry.js";
import { DEFAULT_EXTRA_FLOW_KEYS } from "./emit.js";

const CALLABLE = "root:kernel:control:0.0.1:callable";
const ACCEPT = "root:kernel:http:0.0.1:accept";
const DELEGATED = "root:kernel:http:0.0.1:delegated";
const NOOP = "root:kernel:control:0.0.1:noop";
const ASYNC_EACH = "root:kernel:list:0.0.1:asyncEach";

export interface LowerInput {
  flows: readonly FlowDef[];
  pack?: PackDef;
  /** Folder for flows and tables that name none (a pack always has a folder). */
  defaultFolder: string;
}

interface FlowRecording {
  def: FlowDef;
  recording: Recording;
  root: RecordedNode;
  /** Event flows: the event card, placed before the For Each wrapper whose inline flow holds the body. */
  eventCard?: CardSpec<unknown>;
}

export function lower(input: LowerInput, catalog: Catalog): IrPack {
  return new Lowerer(input, catalog).run();
}

class Lowerer {
  private readonly recordings = new Map<FlowDef, FlowRecording>();
  private readonly ownerFlow = new Map<object, FlowDef>();
  private readonly flowRefs = new Map<FlowDef, string>();
  private readonly folderRefs = new Map<Folder | string, string>();
  private readonly folders: IrFolder[] = [];
  private readonly connectionRefs = new Map<string, { ref: string; connection: Connection }>();
  private readonly tableRefs = new Map<Table, string>();
  private readonly tables: IrTable[] = [];

  constructor(
    private readonly input: LowerInput,
    private readonly catalog: Catalog,
  ) {}

  run(): IrPack {
    const queue = [...this.input.flows];
    while (queue.length > 0) {
      const def = queue.shift()!;
      if (this.recordings.has(def)) continue;
      const rec = this.record(def);
      this.recordings.set(def, rec);
      queue.push(...referencedFlows(rec));
    }
    const byName = new Map<string, FlowDef>();
    for (const def of this.recordings.keys()) {
      const other = byName.get(def.options.name);
      if (other) throw new DslError(`two flows are named ${JSON.stringify(def.options.name)}; flow names must be unique in a pack`, def.site);
      byName.set(def.options.name, def);
    }
    const flowNames = new UniqueNames();
    for (const def of this.recordings.keys()) this.flowRefs.set(def, flowNames.take(slug(def.options.name, "flow")));
    for (const f of this.input.pack?.options.folders ?? []) this.folderRef(f);
    for (const t of this.input.pack?.options.tables ?? []) this.tableRef(t);
    for (const c of this.input.pack?.options.connections ?? []) this.connectionRef(c, undefined);
    const flows = [...this.recordings.values()].map((rec) => this.lowerFlow(rec, byName));
    return {
      folders: this.folders,
      connections: [...this.connectionRefs.values()].map(({ ref, connection }) => ({ ref, name: connection.name, connector: connection.connector })),
      tables: this.tables,
      flows,
    };
  }

  // ---- recording ----

  private record(def: FlowDef): FlowRecording {
    if (!def || def.kind !== "flow") throw new DslError("expected a flow (made with flow(...))");
    const recording: Recording = { nodes: [], edges: [] };
    this.ownerFlow.set(recording, def);
    const trigger = def.options.trigger;
    const rootSpec = rootSpecOf(trigger, def);
    const root: RecordedNode = { kind: "cardNode", spec: rootSpec, owner: recording, index: 0, role: { kind: "root" } };
    recording.nodes.push(root);
    const builder = new FlowBuilder(recording, root);
    let returned: unknown;
    try {
      returned = def.body ? (def.body as (f: FlowBuilder) => unknown)(builder) : undefined;
    } catch (error) {
      if (error instanceof DslError) throw error;
      throw new DslError(`flow ${JSON.stringify(def.options.name)}: ${error instanceof Error ? error.message : String(error)}`, def.site);
    }
    if (returned !== undefined && returned !== null) {
      if (typeof returned !== "object" || Array.isArray(returned) || (returned as { then?: unknown }).then !== undefined) {
        throw new DslError(`flow ${JSON.stringify(def.options.name)}: the body must return nothing or an object of values to return`, def.site);
      }
      const customInputs: CustomField[] = Object.entries(returned as Record<string, Input<unknown>>).map(([key, value]) => ({ key, type: "string", value }));
      builder.add({ kind: "card", address: RETURN_ADDRESS, customInputs, site: def.site });
    }
    return { def, recording, root, eventCard: trigger.kind === "event" ? trigger.card : undefined };
  }

  // ---- pack objects ----

  private folderRef(f: Folder | undefined): string {
    const key: Folder | string = f ?? this.input.defaultFolder;
    const known = this.folderRefs.get(key);
    if (known) return known;
    const parent = typeof key === "string" ? null : key.parent ? this.folderRef(key.parent) : null;
    const name = typeof key === "string" ? key : key.name;
    const ref = uniqueRef(slug(name, "folder"), new Set(this.folders.map((x) => x.ref)));
    this.folderRefs.set(key, ref);
    this.folders.push({ ref, name, description: typeof key === "string" ? "" : (key.description ?? ""), parent, withPath: true, mediaUri: "" });
    return ref;
  }

  private tableRef(t: Table): string {
    const known = this.tableRefs.get(t);
    if (known) return known;
    const ref = uniqueRef(slug(t.name, "table"), new Set(this.tables.map((x) => x.ref)));
    this.tableRefs.set(t, ref);
    this.tables.push({
      ref,
      name: t.name,
      description: t.description ?? "",
      folder: { ref: this.folderRef(t.folder) },
      tableClass: "simple",
      columns: t.columns.map((c) => ({ name: c.name, type: TABLE_COLUMN_TYPES[c.type], default: c.default ?? null })),
    });
    return ref;
  }

  private connectionRef(c: Connection, site: CallSite | undefined): string {
    if (!c || c.kind !== "connection") throw new DslError("connection must be made with connection(name, connector)", site);
    const known = this.connectionRefs.get(c.name);
    if (known) {
      if (known.connection.connector !== c.connector) {
        throw new DslError(`connection ${JSON.stringify(c.name)} is declared for two connectors (${known.connection.connector}, ${c.connector})`, c.site ?? site);
      }
      return known.ref;
    }
    const ref = uniqueRef(slug(c.name, "connection"), new Set([...this.connectionRefs.values()].map((x) => x.ref)));
    this.connectionRefs.set(c.name, { ref, connection: c });
    return ref;
  }

  // ---- flows ----

  private lowerFlow(rec: FlowRecording, byName: Map<string, FlowDef>): IrFlow {
    const def = rec.def;
    const trigger = def.options.trigger;
    const fl = new FlowLowering(this, rec, byName);
    const body = fl.lowerScope(rec.recording);
    let top: IrScope = body;
    if (rec.eventCard) top = fl.eventWrapper(rec.eventCard, body, trigger.site ?? def.site);
    const saveAllData = def.options.saveAllData ?? true;
    if (typeof saveAllData !== "boolean") throw new DslError(`flow ${JSON.stringify(def.options.name)}: saveAllData must be true or false`, def.site);
    return {
      ref: this.flowRefs.get(def)!,
      name: def.options.name,
      description: def.options.description ?? "",
      folder: { ref: this.folderRef(def.options.folder) },
      saveAllData,
      schedule: trigger.kind === "schedule" ? cronOf(trigger) : null,
      securityLevel: trigger.kind === "apiEndpoint" ? (trigger.security === "open" ? "open" : "medium") : trigger.kind === "delegated" ? "high" : null,
      body: top,
      extraKeys: cloneJson(DEFAULT_EXTRA_FLOW_KEYS),
    };
  }

  // shared with FlowLowering
  flowRefOf(value: FlowDef | { kind: "flowName"; name: string }, byName: Map<string, FlowDef>, site: CallSite | undefined): string {
    const def = value.kind === "flow" ? value : byName.get(value.name);
    const ref = def ? this.flowRefs.get(def) : undefined;
    if (!ref) throw new DslError(`no flow named ${JSON.stringify(value.kind === "flowName" ? value.name : value.options?.name)} in this pack`, site);
    return ref;
  }
  tableRefOf(t: Table): string {
    return this.tableRef(t);
  }
  connectionRefOf(c: Connection, site: CallSite | undefined): string {
    return this.connectionRef(c, site);
  }
  flowOfOwner(owner: object): FlowDef | undefined {
    return this.ownerFlow.get(owner);
  }
  template(address: string, opts: { variant?: string; options?: Record<string, Json>; name?: string; displayed?: boolean }, site: CallSite | undefined): CatalogEntry {
    let entry: CatalogEntry | undefined;
    if (opts.variant !== undefined) {
      entry = this.catalog.get(address, opts.variant);
      if (!entry) throw new DslError(`card ${address} has no catalog variant ${JSON.stringify(opts.variant)}`, site);
      return entry;
    }
    let candidates = this.catalog.variants(address);
    if (candidates.length === 0) throw new DslError(`unknown card ${address}: it is not in the catalog (learn it from an export with \`flocode catalog learn\`)`, site);
    if (opts.name !== undefined) candidates = candidates.filter((c) => c.name === opts.name);
    if (opts.displayed !== undefined) candidates = candidates.filter((c) => modelOf(c.template).displayed === opts.displayed);
    if (opts.options && Object.keys(opts.options).length > 0) {
      const byOptions = this.catalog.findByOptions(address, opts.options);
      if (byOptions && candidates.includes(byOptions)) return byOptions;
    }
    entry = candidates[0];
    if (!entry) throw new DslError(`no catalog template for ${address}${opts.name ? ` named ${JSON.stringify(opts.name)}` : ""}`, site);
    return entry;
  }
}

function uniqueRef(base: string, taken: Set<string>): string {
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base}-${n}`;
  return ref;
}

function modelOf(template: JsonObject): JsonObject {
  const node = isObject(template.node) ? template.node : {};
  return isObject(node.model) ? node.model : {};
}

function rootSpecOf(trigger: Trigger, def: FlowDef): CardSpec<unknown> {
  const site = trigger.site ?? def.site;
  switch (trigger.kind) {
    case "schedule":
      return { kind: "card", address: CALLABLE, name: "Scheduled Flow", site };
    case "helper":
      return { kind: "card", address: CALLABLE, name: "Helper Flow", customInputs: trigger.params, site };
    case "apiEndpoint":
      return { kind: "card", address: ACCEPT, site };
    case "delegated":
      return { kind: "card", address: DELEGATED, customInputs: trigger.params, site };
    case "manual":
      return { kind: "card", address: NOOP, site };
    case "event":
      // The body lives in the wrapper's inline flow, whose root is a callable named after the event.
      return { kind: "card", address: CALLABLE, site };
    case "card":
      return trigger.card;
    default:
      throw new DslError(`flow ${JSON.stringify(def.options.name)}: unknown trigger`, def.site);
  }
}

function cronOf(trigger: Extract<Trigger, { kind: "schedule" }>): IrCron {
  const c = trigger.cron;
  return {
    seconds: "00",
    minutes: c.minutes,
    hours: c.hours,
    dayOfTheMonth: c.dayOfTheMonth,
    month: c.month,
    dayOfTheWeek: c.dayOfTheWeek,
    startDate: c.startDate,
    endDate: c.endDate,
    recurrence: 0,
    timeZone: c.timeZone,
  };
}

/** Flows a recording refers to: `flo` inputs, error-policy helpers. */
function referencedFlows(rec: FlowRecording): FlowDef[] {
  const out: FlowDef[] = [];
  const visit = (v: unknown): void => {
    if (v && typeof v === "object" && (v as { kind?: unknown }).kind === "flow") out.push(v as FlowDef);
  };
  const specs = [...rec.recording.nodes.map((n) => n.spec), ...(rec.eventCard ? [rec.eventCard] : [])];
  for (const spec of specs) {
    for (const v of Object.values(spec.inputs ?? {})) visit(v);
    for (const v of Object.values(spec.options ?? {})) visit(v);
    for (const c of spec.customInputs ?? []) visit(c.value);
    if (spec.policy?.type === "helper") visit(spec.policy.flow);
  }
  return out;
}

interface PendingPin {
  source: Ref;
  target: IrCard;
  input: IrEntryRef;
  inputType: ValueType;
  site: CallSite | undefined;
  what: string;
}

interface LoweredCard {
  card: IrCard;
  outputs: Array<{ ref: IrEntryRef; type: ValueType }>;
}

class FlowLowering {
  private readonly names = new UniqueNames();
  private readonly lowered = new Map<RecordedNode, LoweredCard>();
  private readonly pending: PendingPin[] = [];

  constructor(
    private readonly pack: Lowerer,
    private readonly rec: FlowRecording,
    private readonly byName: Map<string, FlowDef>,
  ) {}

  lowerScope(recording: Recording): IrScope {
    const cards = recording.nodes.map((node) => this.lowerNode(node).card);
    for (const pin of this.pending) this.wire(pin);
    this.pending.length = 0;
    const orderings = recording.edges.map(([a, b]): [string, string] => [this.lowered.get(a)!.card.ref, this.lowered.get(b)!.card.ref]);
    for (const node of recording.nodes) {
      if (node.branches) {
        this.lowered.get(node)!.card.branches = node.branches.map((b) => ({ head: this.lowered.get(b.head)!.card.ref, value: b.value }));
      }
    }
    this.checkRequired(recording);
    const scope: IrScope = { cards, orderings };
    return scope;
  }

  /** Okta event flows: [event card → For Each - Ignore Errors] with the body as the For Each's inline flow. */
  eventWrapper(eventSpec: CardSpec<unknown>, body: IrScope, site: CallSite | undefined): IrScope {
    const event = this.lowerSpec(eventSpec, { kind: "card" }, undefined);
    const wrapperEntry = this.pack.template(ASYNC_EACH, {}, site);
    const wrapper = this.cardFrom(wrapperEntry, { kind: "card", address: ASYNC_EACH, site }, "For Each - Ignore Errors");
    const wrapperInputs = sideEntries(modelOf(wrapperEntry.template), "inputs");
    const refs = entryRefs(wrapperInputs);
    const find = (key: string): IrEntryRef => {
      const i = wrapperInputs.findIndex((e) => e.key === key);
      if (i < 0) throw new DslError(`the catalog's For Each - Ignore Errors card has no ${key} input`, site);
      return refs[i]!;
    };
    const root = body.cards[0]!;
    const connector = eventSpec.address.split(":")[3] ?? "okta";
    body.inline = {
      id: null,
      uuid: "",
      display: { aliases: { [root.ref]: connector } },
      tree: { id: 2, name: "empty", description: "This flow has been build w/o a tree and uses the newer, async, Addressing module." },
      methods: [],
      model: {},
      orderings: {},
      security_level: null,
      log: false,
      inheritLog: false,
      group: null,
      templateName: null,
      connector_method_meta: { inputs: {}, outputs: {}, options: {} },
      monitor_flo: false,
    };
    wrapper.card.inputValues.push({ entry: find("flo"), value: { kind: "inline", scope: body } }, { entry: find("concurrency"), value: { kind: "json", data: 1 } });
    const collection = event.outputs.find((o) => o.ref.key === "collection");
    if (!collection) throw new DslError(`${eventSpec.address} is not a list event card (it has no "collection" output)`, eventSpec.site ?? site);
    event.card.pins.push({ output: collection.ref, target: wrapper.card.ref, input: find("list"), transform: null });
    return { cards: [event.card, wrapper.card], orderings: [[event.card.ref, wrapper.card.ref]] };
  }

  private lowerNode(node: RecordedNode): LoweredCard {
    let lowered: LoweredCard;
    if (node.role.kind === "root" && this.rec.eventCard) {
      const eventEntry = this.pack.template(this.rec.eventCard.address, { variant: this.rec.eventCard.variant, options: this.rec.eventCard.options as Record<string, Json> }, this.rec.eventCard.site);
      lowered = this.lowerSpec(node.spec, node.role, eventEntry.name);
    } else {
      lowered = this.lowerSpec(node.spec, node.role, undefined);
    }
    this.lowered.set(node, lowered);
    if (node.role.kind === "join") this.lowerJoin(node, lowered);
    return lowered;
  }

  private lowerSpec(spec: CardSpec<unknown>, role: RecordedNode["role"], rootName: string | undefined): LoweredCard {
    const site = spec.site;
    if (!spec || spec.kind !== "card" || typeof spec.address !== "string") throw new DslError("not a card", site);
    const entry = this.pack.template(
      spec.address,
      {
        variant: spec.variant,
        options: spec.options as Record<string, Json> | undefined,
        name: rootName ?? (role.kind === "root" || spec.address === CALLABLE ? spec.name : undefined),
        displayed: spec.address === NOOP ? role.kind !== "branchHead" : undefined,
      },
      site,
    );
    const name = role.kind === "root" && rootName ? rootName : (spec.name ?? entry.name);
    return this.cardFrom(entry, spec, name);
  }

  private cardFrom(entry: CatalogEntry, spec: CardSpec<unknown>, name: string): LoweredCard {
    const site = spec.site;
    if (typeof name !== "string" || name === "") throw new DslError(`card ${spec.address}: the name must be a non-empty string`, site);
    const model = modelOf(entry.template);
    const action = spec.address.split(":").at(-1)!;
    const card: IrCard = {
      ref: this.names.take(slug(name, "card")),
      address: spec.address,
      variant: entry.variant,
      name,
      connection: null,
      inputValues: [],
      outputValues: [],
      extraInputs: [],
      extraOutputs: [],
      removedInputs: [],
      removedOutputs: [],
      policy: policyOf(spec.policy, (f) => this.pack.flowRefOf(f, this.byName, site), site),
      pins: [],
      branches: [],
      joins: [],
      modelPatch: {},
      removedModelKeys: [],
      methodPatch: {},
    };
    if (spec.connection) {
      const connector = spec.address.startsWith("root:channels:http:") ? spec.address.split(":")[3] : undefined;
      if (connector === undefined) throw new DslError(`card ${JSON.stringify(name)} is a function card and takes no connection`, site);
      if (spec.connection.connector !== connector) {
        throw new DslError(`connection ${JSON.stringify(spec.connection.name)} is a ${spec.connection.connector} connection, but card ${JSON.stringify(name)} needs ${connector}`, site);
      }
      card.connection = { ref: this.pack.connectionRefOf(spec.connection, site) };
    }
    if (spec.comments !== undefined && !jsonEqual(spec.comments, model.comments)) card.comments = cloneJson(spec.comments);
    if (spec.patch) for (const [k, v] of Object.entries(spec.patch)) if (k !== "__proto__") card.modelPatch[k] = cloneJson(v as Json);

    const tInputs = sideEntries(model, "inputs");
    const tInputRefs = entryRefs(tInputs);
    const given: Array<[string, unknown, boolean]> = [
      ...Object.entries(spec.options ?? {}).map(([k, v]): [string, unknown, boolean] => [k, v, true]),
      ...Object.entries(spec.inputs ?? {}).map(([k, v]): [string, unknown, boolean] => [k, v, false]),
    ];
    for (const [key, value, isOption] of given) {
      if (value === undefined) continue;
      const i = findEntry(tInputs, key);
      if (i < 0) {
        const available = tInputs.map((e) => JSON.stringify(e.key)).join(", ") || "none";
        throw new DslError(`card ${JSON.stringify(name)} (${spec.address}) has no ${isOption ? "option" : "input"} ${JSON.stringify(key)}; its inputs: ${available}`, site);
      }
      const e = tInputs[i]!;
      const ref = tInputRefs[i]!;
      this.setInput(card, ref, typeOf(e), value, `input ${JSON.stringify(key)} of card ${JSON.stringify(name)}`, site, dataOf(e));
    }

    // Custom fields, mirrored onto the outputs of mirrored cards (helper parameters, Assign, Return...).
    const customIn = [...(spec.customInputs ?? [])];
    const customOut = spec.customOutputs ? [...spec.customOutputs] : MIRRORED_ACTIONS.has(action) ? customIn.map((c) => ({ ...c, value: undefined })) : [];
    const allInputs = [...tInputs];
    customIn.forEach((c, j) => {
      const entry = this.customExtra(action, "inputs", c, tInputs.length + j, site, name);
      card.extraInputs.push(entry);
      allInputs.push(entry.entry);
    });
    const inputRefs = entryRefs(allInputs);
    customIn.forEach((c, j) => {
      if (c.value === undefined) return;
      const ref = inputRefs[tInputs.length + j]!;
      const extra = card.extraInputs[j]!;
      const vt = { type: c.type, collection: c.collection ?? false };
      if (isRef(c.value)) this.pending.push({ source: c.value, target: card, input: ref, inputType: vt, site, what: `field ${JSON.stringify(c.key)} of card ${JSON.stringify(name)}` });
      else extra.value = this.constantValue(vt, c.value, `field ${JSON.stringify(c.key)} of card ${JSON.stringify(name)}`, site);
    });
    const tOutputs = sideEntries(model, "outputs");
    const allOutputs = [...tOutputs];
    customOut.forEach((c, j) => {
      const entry = this.customExtra(action, "outputs", c, tOutputs.length + j, site, name);
      card.extraOutputs.push(entry);
      allOutputs.push(entry.entry);
    });
    const outRefs = entryRefs(allOutputs);
    return { card, outputs: allOutputs.map((e, i) => ({ ref: outRefs[i]!, type: typeOf(e) })) };
  }

  private customExtra(action: string, side: "inputs" | "outputs", c: CustomField, index: number, site: CallSite | undefined, card: string): IrExtraEntry {
    if (!c || typeof c.key !== "string" || c.key === "") throw new DslError(`card ${JSON.stringify(card)}: custom fields need a key`, site);
    const type = c.type;
    const collection = c.collection ?? false;
    const data = collection ? [] : defaultData(type);
    const entry = customEntry(action, side, { group: c.group ?? null, key: c.key, type: type as string | JsonObject, collection, data, index });
    if (c.raw) for (const [k, v] of Object.entries(c.raw)) if (k !== "__proto__") entry[k] = cloneJson(v as Json);
    const value = isObject(entry.value) ? entry.value.data : null;
    if (isObject(entry.value)) entry.value.data = null;
    return { entry, value: { kind: "json", data: cloneJson(value ?? null) } };
  }

  private setInput(card: IrCard, ref: IrEntryRef, type: ValueType, value: unknown, what: string, site: CallSite | undefined, templateData: Json): void {
    if (isRef(value)) {
      this.pending.push({ source: value, target: card, input: ref, inputType: type, site, what });
      return;
    }
    const v = this.constantValue(type, value, what, site);
    if (v.kind === "json" && jsonEqual(v.data, templateData)) return;
    card.inputValues.push({ entry: ref, value: v });
  }

  private constantValue(type: ValueType, value: unknown, what: string, site: CallSite | undefined): IrValue {
    const t = typeof type.type === "string" ? type.type : "object";
    if (value && typeof value === "object" && (value as { kind?: unknown }).kind === "flow") return { kind: "flow", flow: this.pack.flowRefOf(value as FlowDef, this.byName, site) };
    if (value && typeof value === "object" && (value as { kind?: unknown }).kind === "flowName") return { kind: "flow", flow: this.pack.flowRefOf(value as { kind: "flowName"; name: string }, this.byName, site) };
    if (value && typeof value === "object" && (value as { kind?: unknown }).kind === "table") return { kind: "table", table: this.pack.tableRefOf(value as Table) };
    if (value === null) return { kind: "json", data: null };
    const bad = (expected: string): never => {
      throw new DslError(`${what} must be ${expected}, got ${describeJs(value)}`, site);
    };
    if (type.collection) {
      if (!Array.isArray(value)) bad(`a list (${t}[])`);
      return { kind: "json", data: toJson(value, what, site) };
    }
    switch (t) {
      case "string":
      case "Date":
        if (typeof value !== "string") bad(t === "Date" ? "an ISO date-time string" : "a string");
        break;
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value)) bad("a number");
        break;
      case "boolean":
        if (typeof value !== "boolean") bad("true or false");
        break;
      case "object":
        if (typeof value !== "object" || Array.isArray(value)) bad("an object");
        break;
      case "flo":
        bad("a flow (made with flow(...))");
        break;
      default:
        break;
    }
    return { kind: "json", data: toJson(value, what, site) };
  }

  private wire(pin: PendingPin): void {
    const src = pin.source;
    const owner = src.node.owner;
    if (owner !== this.rec.recording) {
      const other = this.pack.flowOfOwner(owner);
      throw new DslError(`${pin.what} is wired to an output of another flow${other ? ` (${JSON.stringify(other.options.name)})` : ""}; pass values between flows as helper-flow parameters`, pin.site);
    }
    if (src.path && src.path.length > 0) throw new DslError(`${pin.what}: sub-field access (field(...)) is not supported yet; use an Object Get card`, pin.site);
    const from = this.lowered.get(src.node as RecordedNode);
    if (!from) throw new DslError(`${pin.what} is wired to a card that is not placed in this flow (pass it to f.add first)`, pin.site);
    const out = findOutput(from, src.output);
    if (out === "ambiguous") throw new DslError(`${pin.what}: output ${JSON.stringify(src.output)} of card ${JSON.stringify(from.card.name)} is ambiguous; use $out("<exact key>")`, pin.site);
    if (!out) {
      const names = from.outputs.map((o) => JSON.stringify(o.ref.key)).join(", ") || "none";
      throw new DslError(`${pin.what}: card ${JSON.stringify(from.card.name)} has no output ${JSON.stringify(src.output)}; its outputs: ${names}`, pin.site);
    }
    const transform = conversion(out.type, pin.inputType);
    if (transform === "incompatible") {
      throw new DslError(`${pin.what} expects ${describeType(pin.inputType)}, but ${from.card.name}.${out.ref.key} is ${describeType(out.type)} and Okta has no conversion between them`, pin.site);
    }
    from.card.pins.push({ output: out.ref, target: pin.target.ref, input: pin.input, transform });
  }

  private lowerJoin(node: RecordedNode, lowered: LoweredCard): void {
    if (node.role.kind !== "join") return;
    const card = lowered.card;
    const values = node.role.values;
    const site = node.spec.site;
    const inputs: JsonObject[] = [];
    const outputs: JsonObject[] = [];
    values.forEach((v, i) => {
      const source = isRef(v.fromThen) ? v.fromThen : isRef(v.fromElse) ? v.fromElse : undefined;
      if (!source) throw new DslError(`If/Else value ${JSON.stringify(v.key)} must be a card output in at least one branch`, site);
      const common = { group: null, key: v.key };
      const input: JsonObject = { ...common, value: { error: false, proxy: false, check: false, type: "string", collection: false, data: "", available: ["string"] }, required: false, ref: false, metadata: { index: i, optional: false }, flags: "d" };
      const output: JsonObject = { ...common, value: { error: false, type: "string", collection: false, data: "", available: ["string"] }, ref: false, metadata: { index: i, optional: false } };
      inputs.push(input);
      outputs.push(output);
      card.extraInputs.push({ entry: { ...input, value: { ...(input.value as JsonObject), data: null } }, value: { kind: "json", data: "" } });
      card.extraOutputs.push({ entry: { ...output, value: { ...(output.value as JsonObject), data: null } }, value: { kind: "json", data: "" } });
      const inRef = entryRefs(inputs)[i]!;
      const outRef = entryRefs(outputs)[i]!;
      card.joins.push({ input: inRef, links: [{ output: outRef, transform: null }] });
      lowered.outputs.push({ ref: outRef, type: { type: "string", collection: false } });
      for (const branchValue of [v.fromThen, v.fromElse]) {
        if (branchValue === undefined) continue;
        if (!isRef(branchValue)) throw new DslError(`If/Else value ${JSON.stringify(v.key)}: a branch must hand on a card output, not a constant`, site);
        this.pending.push({ source: branchValue, target: card, input: inRef, inputType: { type: "string", collection: false }, site, what: `If/Else value ${JSON.stringify(v.key)}` });
      }
    });
  }

  private checkRequired(recording: Recording): void {
    for (const node of recording.nodes) {
      const { card } = this.lowered.get(node)!;
      const entry = this.pack.template(card.address, { variant: card.variant }, node.spec.site);
      const inputs = sideEntries(modelOf(entry.template), "inputs");
      const refs = entryRefs(inputs);
      const pinned = new Set<string>();
      for (const l of this.lowered.values()) for (const p of l.card.pins) if (p.target === card.ref) pinned.add(`${p.input.group}\u0000${p.input.key}`);
      inputs.forEach((e, i) => {
        if (e.required !== true || e.flags === "p") return;
        const r = refs[i]!;
        const set = card.inputValues.some((v) => v.entry.group === r.group && v.entry.key === r.key) || pinned.has(`${r.group}\u0000${r.key}`);
        if (!set && isEmpty(dataOf(e))) {
          throw new DslError(`card ${JSON.stringify(card.name)} is missing the required input ${JSON.stringify(r.key)}`, node.spec.site);
        }
      });
    }
  }
}

function findEntry(entries: JsonObject[], key: string): number {
  let i = entries.findIndex((e) => e.key === key);
  if (i >= 0) return i;
  const slash = key.indexOf("/");
  if (slash > 0) {
    const group = key.slice(0, slash);
    const k = key.slice(slash + 1);
    i = entries.findIndex((e) => e.group === group && e.key === k);
    if (i >= 0) return i;
  }
  const norm = normName(key);
  const matches = entries.map((e, j) => (normName(String(e.key)) === norm ? j : -1)).filter((j) => j >= 0);
  return matches.length === 1 ? matches[0]! : -1;
}

function findOutput(card: LoweredCard, name: string): { ref: IrEntryRef; type: ValueType } | undefined | "ambiguous" {
  const exact = card.outputs.filter((o) => o.ref.key === name);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return "ambiguous";
  const norm = normName(name);
  const loose = card.outputs.filter((o) => normName(o.ref.key) === norm);
  if (loose.length > 1) return "ambiguous";
  return loose[0];
}

/** Compares entry keys the way generated property names are made: letters and digits only, any case. */
function normName(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

function typeOf(e: JsonObject): ValueType {
  const v = isObject(e.value) ? e.value : {};
  return { type: (typeof v.type === "string" || isObject(v.type) ? v.type : "string") as string | JsonObject, collection: v.collection === true };
}

function dataOf(e: JsonObject): Json {
  const v = isObject(e.value) ? e.value : {};
  return (v.data ?? null) as Json;
}

function isEmpty(d: Json): boolean {
  return d === null || d === "" || (Array.isArray(d) && d.length === 0) || (isObject(d) && Object.keys(d).length === 0);
}

function defaultData(type: unknown): Json {
  switch (type) {
    case "number":
      return 0;
    case "boolean":
      return false;
    case "object":
      return {};
    case "string":
    case "Date":
      return "";
    default:
      return isObject(type) ? {} : null;
  }
}

function describeJs(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  if (typeof v === "object") return (v as { kind?: unknown }).kind ? `a ${String((v as { kind: unknown }).kind)}` : "an object";
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Plain JSON only: functions, class instances, cycles and non-finite numbers are refused. */
function toJson(value: unknown, what: string, site: CallSite | undefined, depth = 0): Json {
  if (depth > 100) throw new DslError(`${what}: value is nested too deeply`, site);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DslError(`${what}: ${value} is not a JSON number`, site);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => toJson(v, what, site, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    if (isRef(value)) throw new DslError(`${what}: a card output cannot be nested inside a constant; wire it to its own input`, site);
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      Object.defineProperty(out, k, { value: toJson(v, what, site, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new DslError(`${what}: ${describeJs(value)} is not JSON data`, site);
}

function policyOf(p: ErrorPolicy | undefined, flowRef: (f: FlowDef | { kind: "flowName"; name: string }) => string, site: CallSite | undefined): IrPolicy {
  if (!p) return { error: { type: "finish" } };
  const retry = (q: { retry?: number; delayMs?: number | [number, number]; retryOnRateLimitOnly?: boolean }): JsonObject => {
    const out: JsonObject = {};
    if (q.delayMs !== undefined) out.delay = Array.isArray(q.delayMs) ? [q.delayMs[0], q.delayMs[1]] : q.delayMs;
    if (q.retry !== undefined || q.delayMs !== undefined) out.retry = q.retry ?? 0;
    if (q.retryOnRateLimitOnly) out.retryCondition = "ratelimits";
    return out;
  };
  switch (p.type) {
    case "halt":
      return { error: { type: "finish", ...retry(p) } };
    case "continue":
      return { error: { type: "return", ...retry(p) } };
    case "helper":
      return { error: { type: "flo", ...retry(p), flo: null }, flo: { kind: "flow", flow: flowRef(p.flow as FlowDef) } };
    case "raw":
      return { error: cloneJson(p.error) };
    default:
      throw new DslError(`unknown error policy ${JSON.stringify((p as { type?: unknown }).type)}`, site);
  }
}

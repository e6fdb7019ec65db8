/**
 * DSL → IR. Phases: record every flow body (and, transitively, every helper flow it calls); name folders,
 * connections, tables and flows; lower each flow (src/compile/lower-flow.ts). Every mistake is a DslError
 * naming the flow file and line.
 */
import type { CatalogEntry } from "../catalog/entry.js";
import type { Catalog } from "../catalog/store.js";
import type { IrCron, IrFlow, IrFolder, IrPack, IrScope, IrTable, Json, JsonObject } from "../ir/types.js";
import { cloneJson, jsonEqual } from "../util/json.js";
import { optionValues } from "../catalog/entry.js";
import { slug, UniqueNames } from "../util/names.js";
import { FlowBuilder, type RecordedNode, type Recording } from "../dsl/builder.js";
import { DslError } from "../dsl/errors.js";
import type { CallSite, CardSpec, Connection, CustomField, FlowDef, FlowRefLike, Folder, Input, Table, TriggerSpec } from "../dsl/types.js";
import type { PackDef } from "../dsl/flow.js";
import { isInline } from "../dsl/inline.js";
import { FlowLowering, type PackContext } from "./lower-flow.js";
import { toJson } from "./lower-values.js";
import { modelOf } from "../shapes/entries.js";
import { DEFAULT_EXTRA_FLOW_KEYS } from "../shapes/flow.js";
import { TABLE_COLUMN_TYPES } from "../shapes/tables.js";
import { ACCEPT_ADDRESS, CALLABLE_ADDRESS, DELEGATED_ADDRESS, HELPER_FLOW_NAME, NOOP_ADDRESS, RETURN_ADDRESS, SCHEDULED_FLOW_NAME } from "../shapes/known-cards.js";

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

class Lowerer implements PackContext {
  private readonly recordings = new Map<FlowDef, FlowRecording>();
  private readonly ownerFlow = new Map<object, FlowDef>();
  private readonly flowRefs = new Map<FlowDef, string>();
  private readonly byName = new Map<string, FlowDef>();
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
    for (const def of this.recordings.keys()) {
      if (this.byName.has(def.options.name)) throw new DslError(`two flows are named ${JSON.stringify(def.options.name)}; flow names must be unique in a pack`, def.site);
      this.byName.set(def.options.name, def);
    }
    const flowNames = new UniqueNames();
    for (const def of this.recordings.keys()) this.flowRefs.set(def, flowNames.take(slug(def.options.name, "flow")));
    const packOptions = this.input.pack?.options;
    for (const f of packOptions?.folders ?? []) this.folderRef(f);
    for (const t of packOptions?.tables ?? []) this.tableRef(t);
    for (const c of packOptions?.connections ?? []) this.connectionRef(c, undefined);
    const flows = [...this.recordings.values()].map((rec) => this.lowerFlow(rec));
    const pack: IrPack = {
      folders: this.folders,
      connections: [...this.connectionRefs.values()].map(({ ref, connection }) => ({ ref, name: connection.name, connector: connection.connector })),
      tables: this.tables,
      flows,
    };
    if (packOptions?.raw?.projectOverview !== undefined) pack.projectOverview = toJson(packOptions.raw.projectOverview, "projectOverview", this.input.pack?.site);
    return pack;
  }

  private record(def: FlowDef): FlowRecording {
    if (!def || def.kind !== "flow") throw new DslError("expected a flow (made with flow(...))");
    const token = {};
    const recording: Recording = { flow: token, nodes: [], edges: [], pins: [] };
    this.ownerFlow.set(token, def);
    const trigger = def.options.trigger;
    const rootSpec = def.options.root ?? rootSpecOf(trigger, def);
    const root: RecordedNode = { kind: "cardNode", spec: rootSpec, owner: token, scope: recording, index: 0, role: { kind: "root" } };
    recording.nodes.push(root);
    const builder = new FlowBuilder(recording, root);
    let returned: unknown;
    try {
      returned = def.body ? (def.body as (f: FlowBuilder) => unknown)(builder) : undefined;
    } catch (error) {
      if (error instanceof Error && error.name === "DslError") throw error;
      throw new DslError(`flow ${JSON.stringify(def.options.name)}: ${error instanceof Error ? error.message : String(error)}`, def.site);
    }
    if (returned !== undefined && returned !== null) {
      if (typeof returned !== "object" || Array.isArray(returned) || typeof (returned as { then?: unknown }).then === "function") {
        throw new DslError(`flow ${JSON.stringify(def.options.name)}: the body must return nothing or an object of values to return`, def.site);
      }
      const customInputs: CustomField[] = Object.entries(returned as Record<string, Input<unknown>>).map(([key, value]) => ({ key, type: "string", value }));
      builder.add({ kind: "card", address: RETURN_ADDRESS, customInputs, site: def.site });
    }
    return { def, recording, root, eventCard: trigger.kind === "event" ? trigger.card : undefined };
  }

  private folderRef(f: Folder | undefined): string {
    const key: Folder | string = f ?? this.input.defaultFolder;
    const known = this.folderRefs.get(key);
    if (known) return known;
    const parent = typeof key === "string" ? null : key.parent ? this.folderRef(key.parent) : null;
    const name = typeof key === "string" ? key : key.name;
    const ref = uniqueRef(slug(name, "folder"), new Set(this.folders.map((x) => x.ref)));
    this.folderRefs.set(key, ref);
    const raw = typeof key === "string" ? undefined : key.raw;
    this.folders.push({ ref, name, description: typeof key === "string" ? "" : (key.description ?? ""), parent, withPath: raw?.withPath ?? true, mediaUri: raw?.mediaUri ?? "" });
    return ref;
  }

  tableRef(t: Table): string {
    const known = this.tableRefs.get(t);
    if (known) return known;
    const ref = uniqueRef(slug(t.name, "table"), new Set(this.tables.map((x) => x.ref)));
    this.tableRefs.set(t, ref);
    this.tables.push({
      ref,
      name: t.name,
      description: t.description ?? "",
      folder: t.raw?.folderId !== undefined ? { dangling: t.raw.folderId } : { ref: this.folderRef(t.folder) },
      tableClass: t.raw?.tableClass ?? "simple",
      columns: t.columns.map((c, i) => ({ name: c.name, type: t.raw?.columnTypes?.[i] ?? TABLE_COLUMN_TYPES[c.type].code, default: c.default ?? null })),
    });
    return ref;
  }

  connectionRef(c: Connection, site: CallSite | undefined): string {
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

  private lowerFlow(rec: FlowRecording): IrFlow {
    const def = rec.def;
    const trigger = def.options.trigger;
    const fl = new FlowLowering(this, rec.recording.flow, def.options.name, rec.eventCard, rec.root);
    const body = fl.lowerBody(rec.recording);
    const top: IrScope = rec.eventCard ? fl.eventWrapper(rec.eventCard, body, trigger.site ?? def.site, trigger.kind === "event" ? trigger : undefined) : body;
    const saveAllData = def.options.saveAllData ?? true;
    if (typeof saveAllData !== "boolean") throw new DslError(`flow ${JSON.stringify(def.options.name)}: saveAllData must be true or false`, def.site);
    const raw = def.options.raw;
    const securityLevel = trigger.kind === "apiEndpoint" ? (trigger.security === "open" ? "open" : "medium") : trigger.kind === "delegated" ? "high" : null;
    return {
      ref: this.flowRefs.get(def)!,
      name: def.options.name,
      description: def.options.description ?? "",
      folder: raw?.folderId !== undefined ? { dangling: raw.folderId } : { ref: this.folderRef(def.options.folder) },
      saveAllData,
      schedule: trigger.kind === "schedule" ? cronOf(trigger) : null,
      securityLevel: raw && "securityLevel" in raw ? (raw.securityLevel ?? null) : securityLevel,
      body: top,
      extraKeys: raw?.extraKeys ? (toJson(raw.extraKeys, "raw.extraKeys", def.site) as JsonObject) : cloneJson(DEFAULT_EXTRA_FLOW_KEYS),
    };
  }

  flowRef(value: FlowRefLike, site: CallSite | undefined): string {
    const def = value?.kind === "flow" ? value : value?.kind === "flowName" ? this.byName.get(value.name) : undefined;
    const ref = def ? this.flowRefs.get(def) : undefined;
    if (!ref) throw new DslError(`no flow named ${JSON.stringify(value?.kind === "flowName" ? value.name : (value as FlowDef | undefined)?.options?.name)} in this pack`, site);
    return ref;
  }
  flowOfOwner(owner: object): FlowDef | undefined {
    return this.ownerFlow.get(owner);
  }
  template(address: string, opts: TemplateQuery, site: CallSite | undefined): CatalogEntry {
    return this.candidates(address, opts, site)[0]!;
  }

  /** Catalog variants that fit the query, best first (never empty: an error says what is missing). */
  candidates(address: string, opts: TemplateQuery, site: CallSite | undefined): CatalogEntry[] {
    if (opts.variant !== undefined) {
      const entry = this.catalog.get(address, opts.variant);
      if (!entry) throw new DslError(`card ${address} has no catalog variant ${JSON.stringify(opts.variant)} (learn it with \`flocode catalog learn\`)`, site);
      return [entry];
    }
    let candidates = this.catalog.variants(address);
    if (candidates.length === 0) throw new DslError(`unknown card ${address}: it is not in the catalog (learn it from an export with \`flocode catalog learn\`)`, site);
    if (opts.name !== undefined) candidates = candidates.filter((c) => c.name === opts.name);
    if (opts.displayed !== undefined) candidates = candidates.filter((c) => modelOf(c.template).displayed === opts.displayed);
    if (candidates.length === 0) throw new DslError(`no catalog template for ${address}${opts.name ? ` named ${JSON.stringify(opts.name)}` : ""}`, site);
    const asked = Object.entries(opts.options ?? {}).filter(([k]) => candidates.some((c) => Object.hasOwn(c.options, k)));
    if (asked.length > 0) {
      const matching = candidates.filter((c) => asked.every(([k, v]) => optionValues(c, k).some((x) => jsonEqual(x, v as Json))));
      if (matching.length === 0) {
        const wanted = asked.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
        const known = candidates.map((c) => JSON.stringify(c.options)).join(", ");
        throw new DslError(`no catalog template for ${address} with ${wanted} (known: ${known}); learn one from an export that has it with \`flocode catalog learn\``, site);
      }
      candidates = matching;
    }
    return candidates;
  }
}

export interface TemplateQuery {
  variant?: string;
  options?: Record<string, Json>;
  name?: string;
  displayed?: boolean;
}

function uniqueRef(base: string, taken: Set<string>): string {
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base}-${n}`;
  return ref;
}

function rootSpecOf(trigger: TriggerSpec, def: FlowDef): CardSpec<unknown> {
  const site = trigger.site ?? def.site;
  switch (trigger.kind) {
    case "schedule":
      return { kind: "card", address: CALLABLE_ADDRESS, name: SCHEDULED_FLOW_NAME, site };
    case "helper":
      return { kind: "card", address: CALLABLE_ADDRESS, name: HELPER_FLOW_NAME, customInputs: trigger.params, site };
    case "apiEndpoint":
      return { kind: "card", address: ACCEPT_ADDRESS, customInputs: trigger.fields, site };
    case "delegated":
      return { kind: "card", address: DELEGATED_ADDRESS, customInputs: trigger.params, site };
    case "manual":
      return { kind: "card", address: NOOP_ADDRESS, site };
    case "event":
      // The body lives in the wrapper's inline flow, whose root is a callable named after the event.
      return { kind: "card", address: CALLABLE_ADDRESS, site };
    case "card":
      return trigger.card;
    default:
      throw new DslError(`flow ${JSON.stringify(def.options.name)}: unknown trigger`, def.site);
  }
}

function cronOf(trigger: Extract<TriggerSpec, { kind: "schedule" }>): IrCron {
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

/** Flows a recording refers to: `flo` inputs, error-policy helpers, inline flows' cards included. */
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
    if (spec.policy?.type === "raw" && spec.policy.handler && !isInline(spec.policy.handler)) visit(spec.policy.handler);
  }
  return out;
}

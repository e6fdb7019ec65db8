/**
 * flopack → IR. Phases: index every id of the pack (flows, folders, tables, connections) and of each flow
 * (cards, entries, inline flows included), then lift each flow scope card by card.
 * Cards are kept in storage order with their orderings; the structured view (steps, If/Else, loops) is
 * derived from this by `src/ir/structure.ts`, never stored twice.
 */
import type { IrCard, IrConnection, IrCron, IrFlow, IrFolder, IrPack, IrScope, IrTable, Json, JsonObject } from "../ir/types.js";
import { cloneJson, defineKey, isObject } from "../util/json.js";
import { slug, UniqueNames } from "../util/names.js";
import { entryRefs, sideEntries } from "../shapes/entries.js";
import { expandPaths, expandRefBase, expandSource, placingOrder } from "../shapes/expand.js";
import { GENERATED_INLINE_ID } from "../shapes/inline-flow.js";
import type { TemplateSource } from "../catalog/store.js";
import { link, type FlowIndex, type PackIndex } from "./context.js";
import { liftCard, type CardLiftContext } from "./lift-card.js";
import { FLOW_CORE_KEYS } from "../format/flow.js";

const CORE_KEYS: ReadonlySet<string> = new Set(FLOW_CORE_KEYS);

export interface LearnedTemplate {
  address: string;
  variant: string;
  template: JsonObject;
}

export interface LiftResult {
  pack: IrPack;
  /** Templates the template source did not know, learned from the pack itself. */
  learned: LearnedTemplate[];
}

export function liftPack(flopack: JsonObject, templates: TemplateSource): LiftResult {
  const data = isObject(flopack.data) ? flopack.data : {};
  const flos = objectValues(data.flos);
  const groups = objectValues(data.groups);
  const tables = objectValues(data.tables);
  const configs = objectValues(data.configs);

  const index: PackIndex = {
    flows: refMap(flos, (f) => String(f.name ?? "flow"), "flow"),
    folders: refMap(groups, (g) => String((isObject(g.data) && g.data.name) || "folder"), "folder"),
    tables: refMap(tables, (t) => String(t.name ?? "table"), "table"),
    connections: refMap(configs, (c) => String(c.name ?? "connection"), "connection"),
  };

  const learnedMap = new Map<string, LearnedTemplate>();
  const source: TemplateSource = {
    template: (address, variant) => templates.template(address, variant) ?? learnedMap.get(`${address}#${variant}`)?.template,
    ...(templates.knownVariant ? { knownVariant: templates.knownVariant } : {}),
  };
  const learn = (address: string, variant: string, template: JsonObject): void => {
    learnedMap.set(`${address}#${variant}`, { address, variant, template });
  };

  const pack: IrPack = {
    folders: groups.map((g) => liftFolder(g, index)),
    connections: configs.map((c): IrConnection => ({
      ref: index.connections.get(String(c.id))!,
      name: String(c.name ?? ""),
      connector: String(c.module ?? ""),
    })),
    tables: tables.map((t) => liftTable(t, index)),
    flows: markCopies(flos.filter((f) => !isStub(f)).map((f) => liftFlow(f, index, source, learn))),
    externalFlows: flos.filter(isStub).map((f) => ({
      ref: index.flows.get(String(f.id))!,
      name: String(f.name ?? ""),
      description: String(f.description ?? ""),
    })),
  };
  if ("projectOverview" in data) pack.projectOverview = cloneJson(data.projectOverview!);
  return { pack, learned: [...learnedMap.values()] };
}

/**
 * A flow exported twice (same name and content, another id: Okta writes such copies with the same card ids) is
 * marked `copyOf` its first occurrence, so that emit writes it as Okta did.
 */
function markCopies(flows: IrFlow[]): IrFlow[] {
  const namesakes = new Map<string, number>();
  for (const flow of flows) namesakes.set(flow.name, (namesakes.get(flow.name) ?? 0) + 1);
  const first = new Map<string, { ref: string; content: string }>();
  return flows.map((flow) => {
    if (namesakes.get(flow.name)! < 2) return flow; // only a namesake can be a copy: no need to serialise the rest
    const content = JSON.stringify({ ...flow, ref: "" });
    const original = first.get(flow.name);
    if (!original) first.set(flow.name, { ref: flow.ref, content });
    return original?.content === content ? { ...flow, copyOf: original.ref } : flow;
  });
}

/** A flow the export calls but does not hold: `data: null` (Okta's stub of a flow kept elsewhere). */
function isStub(flo: JsonObject): boolean {
  return flo.data === null;
}

function objectValues(v: Json | undefined): JsonObject[] {
  return isObject(v) ? Object.values(v).filter(isObject) : [];
}

function refMap(items: JsonObject[], name: (o: JsonObject) => string, fallback: string): Map<string, string> {
  const names = new UniqueNames();
  const map = new Map<string, string>();
  for (const item of items) map.set(String(item.id), names.take(slug(name(item), fallback)));
  return map;
}

function liftFolder(g: JsonObject, index: PackIndex): IrFolder {
  const d = isObject(g.data) ? g.data : {};
  const path = typeof d.path === "string" ? d.path : "";
  const parentId = path ? path.split(".").at(-1)! : null;
  return {
    ref: index.folders.get(String(g.id))!,
    name: String(d.name ?? ""),
    description: String(d.description ?? ""),
    parent: parentId === null ? null : (index.folders.get(parentId) ?? null),
    withPath: "path" in d,
    mediaUri: String(d.media_uri ?? ""),
  };
}

function liftTable(t: JsonObject, index: PackIndex): IrTable {
  const d = isObject(t.data) ? t.data : {};
  return {
    ref: index.tables.get(String(t.id))!,
    name: String(t.name ?? ""),
    description: String(t.description ?? ""),
    folder: typeof d.group_id === "string" ? link(index.folders, d.group_id) : null,
    tableClass: String(d.class ?? "simple"),
    columns: (Array.isArray(d.structure) ? d.structure : []).filter(isObject).map((c) => ({
      name: String(c.name ?? ""),
      type: String(c.type ?? "str"),
      default: typeof c.default === "string" ? c.default : null,
    })),
  };
}

function liftFlow(flo: JsonObject, index: PackIndex, templates: TemplateSource, learn: CardLiftContext["learn"]): IrFlow {
  const fd = isObject(flo.data) ? flo.data : {};
  const flowIndex = indexFlow(fd);
  const ctx: CardLiftContext = {
    pack: index,
    flow: flowIndex,
    templates,
    learn,
    liftInline: (scope) => liftScope(scope, ctx, true),
  };
  const extraKeys: JsonObject = {};
  for (const k of Object.keys(fd)) if (!CORE_KEYS.has(k)) defineKey(extraKeys, k, cloneJson(fd[k]));
  const cron = isObject(fd.cron) && Object.keys(fd.cron).length > 0 ? (cloneJson(fd.cron) as unknown as IrCron) : null;
  return {
    ref: index.flows.get(String(flo.id))!,
    name: String(flo.name ?? ""),
    description: String(flo.description ?? ""),
    folder: typeof fd.group === "string" ? link(index.folders, fd.group) : null,
    saveAllData: fd.log === true,
    schedule: cron,
    securityLevel: typeof fd.security_level === "string" ? fd.security_level : null,
    body: liftScope(fd, ctx, false),
    extraKeys,
  };
}

/** Every card of a flow, its inline flows included, gets a ref from its display name. */
function indexFlow(fd: JsonObject): FlowIndex {
  const names = new UniqueNames();
  const index: FlowIndex = { cards: new Map(), inputs: new Map(), outputs: new Map() };
  const uuids = new Set<string>();
  const collect = (scope: JsonObject, depth: number): void => {
    if (depth > 64) return;
    for (const card of Array.isArray(scope.methods) ? scope.methods.filter(isObject) : []) {
      uuids.add(String(card.uuid));
      for (const inner of innerScopes(card)) collect(inner, depth + 1);
    }
  };
  collect(fd, 0);
  // Expand cards named after a card of the flow get refs from what they read (src/shapes/expand.ts).
  const expands: Array<{ card: JsonObject; uuid: string; source: string; scope: JsonObject }> = [];
  const visit = (scope: JsonObject, depth: number): void => {
    if (depth > 64) return;
    for (const card of Array.isArray(scope.methods) ? scope.methods.filter(isObject) : []) {
      const uuid = String(card.uuid);
      const node = isObject(card.node) ? card.node : {};
      const model = isObject(node.model) ? node.model : {};
      const name = isObject(node.data) && typeof node.data.name === "string" ? node.data.name : "card";
      const source = expandSource(card, uuids);
      if (source !== undefined && !index.cards.has(uuid) && !expands.some((x) => x.uuid === uuid))
        expands.push({ card, uuid, source, scope });
      else if (source === undefined && !index.cards.has(uuid)) index.cards.set(uuid, names.take(slug(name, "card")));
      for (const side of ["inputs", "outputs"] as const) {
        const entries = sideEntries(model, side);
        const refs = entryRefs(entries);
        const map = new Map(entries.map((e, i) => [String(e.id), refs[i]!]));
        (side === "inputs" ? index.inputs : index.outputs).set(uuid, map);
      }
      for (const inner of innerScopes(card)) visit(inner, depth + 1);
    }
  };
  visit(fd, 0);
  nameExpands(expands, index, names);
  return index;
}

/** The inline flows a card holds: in its inputs and outputs, then its error handler. */
function innerScopes(card: JsonObject): JsonObject[] {
  const model = isObject(card.node) && isObject(card.node.model) ? card.node.model : {};
  const out: JsonObject[] = [];
  for (const side of ["inputs", "outputs"] as const) {
    for (const e of sideEntries(model, side)) {
      const v = isObject(e.value) ? e.value : undefined;
      if (v?.type === "flo" && isObject(v.data) && Array.isArray(v.data.methods)) out.push(v.data);
    }
  }
  const err = isObject(model.policy) && isObject(model.policy.error) ? model.policy.error : undefined;
  if (err && isObject(err.flo) && Array.isArray(err.flo.methods)) out.push(err.flo);
  return out;
}

/** Refs of expand cards: from the output and fields they read, numbered per source in placing order (src/shapes/expand.ts). */
function nameExpands(
  expands: Array<{ card: JsonObject; uuid: string; source: string; scope: JsonObject }>,
  index: FlowIndex,
  names: UniqueNames,
): void {
  const groups = new Map<JsonObject, Map<string, typeof expands>>();
  for (const x of expands) {
    const bySource = groups.get(x.scope) ?? groups.set(x.scope, new Map()).get(x.scope)!;
    (bySource.get(x.source) ?? bySource.set(x.source, []).get(x.source)!).push(x);
  }
  for (const [scope, bySource] of groups) {
    const edges = (isObject(scope.orderings) ? Object.values(scope.orderings) : []).filter(
      (e): e is [string, string] => Array.isArray(e) && e.length === 2 && e.every((x) => typeof x === "string"),
    );
    for (const list of bySource.values()) {
      for (const x of placingOrder(list, (y) => y.uuid, edges) ?? list) {
        const model = isObject(x.card.node) && isObject(x.card.node.model) ? x.card.node.model : {};
        const input = sideEntries(model, "inputs")[0];
        const meta = input && isObject(input.metadata) ? input.metadata : {};
        const output =
          typeof meta.srcMethodId === "string" && typeof meta.srcOutputId === "string"
            ? index.outputs.get(meta.srcMethodId)?.get(meta.srcOutputId)
            : undefined;
        index.cards.set(x.uuid, names.take(expandRefBase(output?.key ?? "", expandPaths(sideEntries(model, "outputs")))));
      }
    }
  }
}

function liftScope(scope: JsonObject, ctx: CardLiftContext, inline: boolean): IrScope {
  const cards: IrCard[] = (Array.isArray(scope.methods) ? scope.methods.filter(isObject) : []).map((card) =>
    liftCard(card, ctx.flow.cards.get(String(card.uuid))!, ctx),
  );
  const orderings: Array<[string, string]> = [];
  if (isObject(scope.orderings)) {
    for (const edge of Object.values(scope.orderings)) {
      if (!Array.isArray(edge) || edge.length !== 2) continue;
      const [from, to] = edge.map((id) => ctx.flow.cards.get(String(id)) ?? `\u0000dangling:${String(id)}`);
      orderings.push([from!, to!]);
    }
  }
  const out: IrScope = { cards, orderings };
  if (inline) {
    const rest: JsonObject = {};
    for (const k of Object.keys(scope)) {
      if (k === "uuid") rest[k] = "";
      else if (k === "methods") rest[k] = [];
      else if (k === "id" && typeof scope.id === "string") rest[k] = GENERATED_INLINE_ID;
      else if (k === "orderings") rest[k] = {};
      else if (k === "display" && isObject(scope.display) && isObject(scope.display.aliases)) {
        const aliases: JsonObject = {};
        for (const [id, v] of Object.entries(scope.display.aliases))
          defineKey(aliases, ctx.flow.cards.get(id) ?? `\u0000dangling:${id}`, cloneJson(v));
        defineKey(rest, k, { ...cloneJson(scope.display), aliases });
      } else defineKey(rest, k, cloneJson(scope[k]));
    }
    out.inline = rest;
  }
  return out;
}

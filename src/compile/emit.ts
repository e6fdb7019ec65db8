/**
 * IR → flopack JSON (FLOPACK.md §10): card bodies from the catalog templates, every id derived from refs,
 * every reference remapped, `display.preview` recomputed, `version: "1.5.0"` without checksum.
 */
import type { IrCard, IrFlow, IrLink, IrPack, IrScope, Json, JsonObject } from "../ir/types.js";
import { indexScope, startCards } from "../lift/structure.js";
import type { TemplateSource } from "../catalog/store.js";
import { actionKey, parseAddress, previewItem } from "../shapes/address.js";
import { TREE } from "../shapes/flow.js";
import { GENERATED_INLINE_ID, usualInlineShape } from "../shapes/inline-flow.js";
import { ACCEPT_ADDRESS, CALLABLE_ADDRESS, DELEGATED_ADDRESS } from "../shapes/known-cards.js";
import { cloneJson, defineKey, isObject } from "../util/json.js";
import { emitCard, usedKey, type CardEmitContext } from "./emit-card.js";
import { ids } from "./ids.js";
import { UserError } from "../util/errors.js";

const FLOPACK_FLAGS = { "auto-transform": true, looseBooleans: true, looseStrings: true, looseNulls: true };

export interface EmitOptions {
  /** ISO time written as `created` (see `createdTimestamp`). */
  created: string;
}

/** `created`: from SOURCE_DATE_EPOCH (seconds) when set, else a fixed epoch, so builds are reproducible. */
export function createdTimestamp(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw !== undefined && raw !== "") {
    if (!/^\d{1,12}$/.test(raw)) throw new UserError(`SOURCE_DATE_EPOCH must be a whole number of seconds, got ${JSON.stringify(raw)}`);
    return new Date(Number(raw) * 1000).toISOString();
  }
  return "2000-01-01T00:00:00.000Z";
}

export function emitPack(pack: IrPack, templates: TemplateSource, options: EmitOptions): JsonObject {
  const flowIds = new Map([...pack.flows, ...pack.externalFlows].map((f) => [f.ref, ids.flow(f.ref)]));
  const tableIds = new Map(pack.tables.map((t) => [t.ref, ids.table(t.ref)]));
  const folderId = (l: IrLink | null): Json => (l === null ? null : "dangling" in l ? l.dangling : ids.folder(l.ref));
  const connectionId = (l: IrLink): string => ("dangling" in l ? l.dangling : ids.connection(l.ref));
  const flowId = (ref: string): string => flowIds.get(ref) ?? ref;
  const tableId = (ref: string): string => tableIds.get(ref) ?? ref;

  const flos: JsonObject = {};
  const emitted = new Map<string, JsonObject>();
  for (const flow of pack.flows) {
    const id = flowIds.get(flow.ref)!;
    const original = flow.copyOf === undefined ? undefined : emitted.get(flow.copyOf);
    const data = original
      ? copyFlowData(original, flowIds.get(flow.copyOf!)!, id)
      : emitFlowData(flow, id, templates, { flowId, tableId, connectionId, folderId });
    emitted.set(flow.ref, data);
    defineKey(flos, id, { id, name: flow.name, description: flow.description, data });
  }
  // Flows kept elsewhere: their stubs, as Okta writes them for the flows an export calls but does not hold.
  for (const x of pack.externalFlows) {
    const id = flowIds.get(x.ref)!;
    defineKey(flos, id, { id, name: x.name, description: x.description, data: null });
  }
  const configs: JsonObject = {};
  for (const c of pack.connections) {
    const id = ids.connection(c.ref);
    defineKey(configs, id, { id, name: c.name, module: c.connector, data: null });
  }
  const tables: JsonObject = {};
  for (const t of pack.tables) {
    const id = tableIds.get(t.ref)!;
    defineKey(tables, id, {
      id,
      name: t.name,
      description: t.description,
      data: {
        class: t.tableClass,
        group_id: folderId(t.folder),
        structure: t.columns.map((c) => ({ name: c.name, type: c.type, default: c.default })),
      },
    });
  }
  const groups: JsonObject = {};
  const byRef = new Map(pack.folders.map((f) => [f.ref, f]));
  for (const f of pack.folders) {
    const id = ids.folder(f.ref);
    const data: JsonObject = { name: f.name, description: f.description, media_uri: f.mediaUri };
    if (f.withPath) data.path = folderPath(f.parent, byRef);
    defineKey(groups, id, { id, data });
  }
  const data: JsonObject = { flos, configs, tables, groups };
  if (pack.projectOverview !== undefined) data.projectOverview = cloneJson(pack.projectOverview);
  return { type: "flopack", version: "1.5.0", created: options.created, flags: { ...FLOPACK_FLAGS }, data };
}

/** A copy of a flow: the original's data, cards and edges with the same ids, under the copy's own flow id. */
function copyFlowData(original: JsonObject, originalId: string, id: string): JsonObject {
  return JSON.parse(JSON.stringify(original).split(JSON.stringify(originalId)).join(JSON.stringify(id))) as JsonObject;
}

function folderPath(parent: string | null, byRef: Map<string, { parent: string | null }>): string {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let p = parent; p !== null && !seen.has(p); p = byRef.get(p)?.parent ?? null) {
    seen.add(p);
    chain.unshift(ids.folder(p));
  }
  return chain.join(".");
}

interface PackIds {
  flowId(ref: string): string;
  tableId(ref: string): string;
  connectionId(l: IrLink): string;
  folderId(l: IrLink | null): Json;
}

function emitFlowData(flow: IrFlow, flowId: string, templates: TemplateSource, pack: PackIds): JsonObject {
  const usedOutputs = new Set<string>();
  collectUsed(flow.body, usedOutputs, 0);
  const ctx: CardEmitContext = {
    flowRef: flow.ref,
    flowId: pack.flowId,
    tableId: pack.tableId,
    connectionId: pack.connectionId,
    usedOutputs,
    emitInline: (scope, path) => emitInlineScope(scope, path, templates, ctx),
  };
  const methods = emitMethods(flow.body, templates, ctx);
  const root = findRoot(flow.body);
  const display: JsonObject = { preview: methods.map(previewOf) };
  if (root) display.eventConnecterName = root.name;
  display.isCallable = root?.address === CALLABLE_ADDRESS;
  if (root && (root.address === ACCEPT_ADDRESS || root.address === DELEGATED_ADDRESS)) display.isPublishable = true;
  const data: JsonObject = {
    id: null,
    uuid: flowId,
    display,
    tree: cloneJson(TREE),
    methods,
    model: {},
    orderings: emitOrderings(flow.body, flow.ref, "", ctx),
    cron: flow.schedule ? (cloneJson(flow.schedule as unknown as JsonObject) as JsonObject) : {},
    security_level: flow.securityLevel,
    log: flow.saveAllData,
    inheritLog: true,
    scheduled: flow.schedule !== null,
    group: pack.folderId(flow.folder),
  };
  for (const k of Object.keys(flow.extraKeys)) defineKey(data, k, cloneJson(flow.extraKeys[k]));
  return data;
}

function collectUsed(scope: IrScope, used: Set<string>, depth: number): void {
  if (depth > 64) return;
  for (const card of scope.cards) {
    for (const pin of card.pins) used.add(usedKey(card.ref, pin.output));
    for (const v of [...card.inputValues, ...card.outputValues]) if (v.value.kind === "inline") collectUsed(v.value.scope, used, depth + 1);
    for (const x of [...card.extraInputs, ...card.extraOutputs]) if (x.value.kind === "inline") collectUsed(x.value.scope, used, depth + 1);
    if (card.policy.flo?.kind === "inline") collectUsed(card.policy.flo.scope, used, depth + 1);
  }
}

function emitMethods(scope: IrScope, templates: TemplateSource, ctx: CardEmitContext): JsonObject[] {
  return scope.cards.map((card) => emitCard(card, templateFor(card, templates), ctx));
}

export function templateFor(card: IrCard, templates: TemplateSource): JsonObject {
  const t = templates.template(card.address, card.variant);
  if (!t)
    throw new UserError(
      `no catalog template for card "${card.name}" (${card.address} variant ${card.variant}); run \`flocode catalog learn\` on an export that has it`,
      1,
    );
  return t;
}

function emitOrderings(scope: IrScope, flowRef: string, scopePath: string, ctx: CardEmitContext): JsonObject {
  const out: JsonObject = {};
  scope.orderings.forEach(([from, to], i) => {
    defineKey(out, ids.edge(flowRef, scopePath, i), [ids.card(ctx.flowRef, from), ids.card(ctx.flowRef, to)]);
  });
  return out;
}

function emitInlineScope(scope: IrScope, path: string, templates: TemplateSource, ctx: CardEmitContext): JsonObject {
  const shape = scope.inline ?? usualInlineShape();
  const out: JsonObject = {};
  for (const key of Object.keys(shape)) {
    switch (key) {
      case "uuid":
        out.uuid = ids.inlineFlow(ctx.flowRef, path);
        break;
      case "id":
        out.id = shape.id === GENERATED_INLINE_ID ? ids.inlineFlowId(ctx.flowRef, path) : cloneJson(shape.id ?? null);
        break;
      case "methods":
        out.methods = emitMethods(scope, templates, ctx);
        break;
      case "orderings":
        out.orderings = emitOrderings(scope, ctx.flowRef, path, ctx);
        break;
      case "display": {
        const d = shape.display;
        if (isObject(d) && isObject(d.aliases)) {
          const aliases: JsonObject = {};
          for (const [ref, v] of Object.entries(d.aliases)) defineKey(aliases, ids.card(ctx.flowRef, ref), cloneJson(v));
          out.display = { ...cloneJson(d), aliases };
        } else defineKey(out, key, cloneJson(d));
        break;
      }
      default:
        defineKey(out, key, cloneJson(shape[key]));
    }
  }
  return out;
}

/** The flow's root: its first start card (lift/structure.ts: no incoming edge, not a branch head, not a comment). */
function findRoot(scope: IrScope): IrCard | undefined {
  return startCards(indexScope(scope))[0];
}

function previewOf(method: JsonObject): JsonObject {
  const address = String(method.address);
  const parsed = parseAddress(address);
  return parsed ? previewItem(parsed) : { module: "", name: actionKey(address), kernel: false };
}

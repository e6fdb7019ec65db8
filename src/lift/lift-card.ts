/**
 * One card → IR card: the difference between the card and its catalog template, with every id turned into a ref.
 */
import type {
  IrCard,
  IrDataId,
  IrEntryRef,
  IrExtraEntry,
  IrPin,
  IrPolicy,
  IrScope,
  IrTransform,
  IrValue,
  Json,
  JsonObject,
} from "../ir/types.js";
import { INSTANCE_MODEL_KEYS, isInstanceEntry, templateOf, variantOf } from "../catalog/template.js";
import { cloneJson, defineKey, isObject, jsonEqual } from "../util/json.js";
import { entryRefKey, entryRefs, sideEntries } from "../shapes/entries.js";
import { EXPAND_ADDRESS } from "../shapes/known-cards.js";
import type { TemplateSource } from "../catalog/store.js";
import { link, type FlowIndex, type PackIndex } from "./context.js";

export interface CardLiftContext {
  pack: PackIndex;
  flow: FlowIndex;
  templates: TemplateSource;
  /** Records a template the catalog did not have (learned from this very card). */
  learn(address: string, variant: string, template: JsonObject): void;
  liftInline(scope: JsonObject): IrScope;
}

const METHOD_KEYS = ["joins", "address", "parents", "uuid", "branches", "node", "pins"];

export function liftCard(card: JsonObject, ref: string, ctx: CardLiftContext): IrCard {
  const address = String(card.address);
  const node = isObject(card.node) ? card.node : {};
  const model = isObject(node.model) ? node.model : {};
  const known = ctx.templates.knownVariant?.(card);
  const own = known === undefined ? templateOf(card) : undefined;
  const variant = known ?? variantOf(own!);
  let template = ctx.templates.template(address, variant);
  if (!template) {
    template = own ?? templateOf(card);
    ctx.learn(address, variant, template);
  }
  const tNode = isObject(template.node) ? template.node : {};
  const tModel = isObject(tNode.model) ? tNode.model : {};
  const uuid = String(card.uuid);

  const inputs = sideEntries(model, "inputs");
  const outputs = sideEntries(model, "outputs");
  const inputSide = liftSide(inputs, sideEntries(tModel, "inputs"), address, ctx);
  const outputSide = liftSide(outputs, sideEntries(tModel, "outputs"), address, ctx);

  const ir: IrCard = {
    ref,
    address,
    variant,
    name: isObject(node.data) && typeof node.data.name === "string" ? node.data.name : "",
    connection: typeof model.config === "string" ? link(ctx.pack.connections, model.config) : null,
    inputValues: inputSide.values,
    outputValues: outputSide.values,
    extraInputs: inputSide.extras,
    extraOutputs: outputSide.extras,
    removedInputs: inputSide.removed,
    removedOutputs: outputSide.removed,
    policy: liftPolicy(model.policy, ctx),
    pins: liftPins(card.pins, uuid, ctx),
    branches: liftBranches(card.branches, ctx),
    joins: liftJoins(card.joins, uuid, ctx),
    modelPatch: {},
    removedModelKeys: [],
    methodPatch: {},
  };
  if (isObject(model.display) && typeof model.display.configRef === "string") {
    ir.configRef = link(ctx.pack.connections, model.display.configRef);
  }
  if ("comments" in model && !jsonEqual(model.comments, tModel.comments)) ir.comments = cloneJson(model.comments!);
  if (!("comments" in model) && "comments" in tModel) ir.removedModelKeys.push("comments");
  // An expand card named after its source: emit writes the source's uuid; its name in the IR is its ref, built
  // from the source's (src/shapes/expand.ts), so that code naming it so gets back the same ref.
  const source = address === EXPAND_ADDRESS ? ctx.flow.cards.get(ir.name) : undefined;
  if (source !== undefined) {
    ir.nameOf = source;
    ir.name = ref;
  }
  diffModel(model, tModel, ir);
  diffMethod(card, template, ir);
  return ir;
}

interface LiftedSide {
  values: Array<{ entry: IrEntryRef; value: IrValue }>;
  extras: IrExtraEntry[];
  removed: IrEntryRef[];
}

function liftSide(entries: JsonObject[], templateEntries: JsonObject[], address: string, ctx: CardLiftContext): LiftedSide {
  const tRefs = entryRefs(templateEntries);
  const tByKey = new Map<string, JsonObject>();
  tRefs.forEach((r, i) => tByKey.set(entryRefKey(r), templateEntries[i]!));
  const instanceTemplateKeys = new Set<string>();
  const out: LiftedSide = { values: [], extras: [], removed: [] };
  // Template entries are named among template entries only, the way the template names them.
  const templateLike = entries.filter((e) => !isInstanceEntry(e, address));
  const templateLikeRefs = entryRefs(templateLike);
  let t = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (isInstanceEntry(entry, address)) {
      out.extras.push(liftExtraEntry(entry, ctx));
      continue;
    }
    const r = templateLikeRefs[t++]!;
    const tEntry = tByKey.get(entryRefKey(r));
    instanceTemplateKeys.add(entryRefKey(r));
    if (!tEntry || !sameEntryShape(entry, tEntry)) {
      // Not what the template has: keep it whole (raw), and drop the template's.
      out.extras.push(liftExtraEntry(entry, ctx));
      if (tEntry) out.removed.push(r);
      continue;
    }
    const data = isObject(entry.value) ? entry.value.data : undefined;
    const tData = isObject(tEntry.value) ? tEntry.value.data : undefined;
    if (!jsonEqual(data, tData)) out.values.push({ entry: r, value: liftValue(entry, ctx) });
  }
  tRefs.forEach((r) => {
    if (!instanceTemplateKeys.has(entryRefKey(r))) out.removed.push(r);
  });
  return out;
}

/** Two entries are the same template entry when all but id, value.data, metadata.index and _used agree. */
function sameEntryShape(a: JsonObject, b: JsonObject): boolean {
  return jsonEqual(shape(a), shape(b));
}

function shape(e: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(e)) {
    if (k === "id" || k === "_used") continue;
    if (k === "value" && isObject(e.value)) {
      const v: JsonObject = {};
      for (const vk of Object.keys(e.value)) if (vk !== "data") defineKey(v, vk, e.value[vk]);
      defineKey(out, k, v);
    } else if (k === "metadata" && isObject(e.metadata)) {
      const m: JsonObject = {};
      for (const mk of Object.keys(e.metadata)) if (mk !== "index") defineKey(m, mk, e.metadata[mk]);
      defineKey(out, k, m);
    } else defineKey(out, k, e[k]);
  }
  return out;
}

function liftValue(entry: JsonObject, ctx: CardLiftContext): IrValue {
  const value = isObject(entry.value) ? entry.value : {};
  const data = (value.data ?? null) as Json;
  if (value.type === "flo") {
    if (typeof data === "string" && ctx.pack.flows.has(data)) return { kind: "flow", flow: ctx.pack.flows.get(data)! };
    if (isObject(data) && Array.isArray(data.methods)) return { kind: "inline", scope: ctx.liftInline(data) };
  }
  if (typeof data === "string" && ctx.pack.tables.has(data)) return { kind: "table", table: ctx.pack.tables.get(data)! };
  const copy = cloneJson(data);
  const ids = liftDataIds(copy, ctx);
  return ids.length > 0 ? { kind: "json", data: copy, ids } : { kind: "json", data: copy };
}

/**
 * Card ids inside constant data, found by shape: an object whose `methodId` is a card of the flow (its sibling
 * `outputId`, when it is an output of that card, too). Tables search filters reference cards this way. The ids
 * become links and null in `data`.
 */
function liftDataIds(data: Json, ctx: CardLiftContext): IrDataId[] {
  const out: IrDataId[] = [];
  const walk = (v: Json, path: Array<string | number>, depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], depth + 1));
    else if (isObject(v)) {
      const method = v.methodId;
      const card = typeof method === "string" ? ctx.flow.cards.get(method) : undefined;
      if (card !== undefined) {
        const output = typeof v.outputId === "string" ? ctx.flow.outputs.get(method as string)?.get(v.outputId) : undefined;
        if (output) {
          out.push({ path: [...path, "outputId"], card: { ref: card }, output });
          v.outputId = null;
        }
        out.push({ path: [...path, "methodId"], card: { ref: card } });
        v.methodId = null;
      }
      for (const [k, x] of Object.entries(v)) if (k !== "methodId" && k !== "outputId") walk(x, [...path, k], depth + 1);
    }
  };
  walk(data, [], 0);
  return out;
}

function liftExtraEntry(entry: JsonObject, ctx: CardLiftContext): IrExtraEntry {
  const copy: JsonObject = {};
  for (const k of Object.keys(entry)) {
    if (k === "id" || k === "_used") continue;
    defineKey(copy, k, cloneJson(entry[k]));
  }
  const value = liftValue(entry, ctx);
  if (isObject(copy.value) && "data" in copy.value) copy.value.data = null;
  const extra: IrExtraEntry = { entry: copy, value };
  const meta = isObject(copy.metadata) ? copy.metadata : undefined;
  if (meta) {
    const links: NonNullable<IrExtraEntry["links"]> = {};
    if (typeof meta.wormholeMethodId === "string") {
      links.wormholeMethodId = link(ctx.flow.cards, meta.wormholeMethodId);
      meta.wormholeMethodId = null;
    }
    const src = typeof meta.srcMethodId === "string" ? meta.srcMethodId : undefined;
    if (src !== undefined) {
      links.srcMethodId = link(ctx.flow.cards, src);
      meta.srcMethodId = null;
    }
    if (typeof meta.method === "string" && ctx.flow.cards.has(meta.method)) {
      const source = ctx.flow.outputs.get(meta.method)?.get(String(copy.key));
      if (source) links.keyOf = { card: ctx.flow.cards.get(meta.method)!, entry: source };
      links.method = link(ctx.flow.cards, meta.method);
      meta.method = null;
    }
    if (typeof meta.srcOutputId === "string") {
      const card = src !== undefined ? ctx.flow.cards.get(src) : undefined;
      const out = src !== undefined ? ctx.flow.outputs.get(src)?.get(meta.srcOutputId) : undefined;
      links.srcOutputId = card !== undefined && out ? { card, entry: out } : { dangling: meta.srcOutputId };
      meta.srcOutputId = null;
    }
    if (Object.keys(links).length > 0) extra.links = links;
  }
  return extra;
}

function liftTransform(t: Json | undefined): IrTransform | null {
  if (!isObject(t)) return null;
  const first = Object.values(t)[0];
  if (!isObject(first)) return null;
  const forceWrapArray = first.forceWrapArray === true;
  return "convert" in first ? { convert: String(first.convert), forceWrapArray } : { forceWrapArray };
}

function liftPins(pins: Json | undefined, uuid: string, ctx: CardLiftContext): IrPin[] {
  const out: IrPin[] = [];
  if (!isObject(pins)) return out;
  const outputs = ctx.flow.outputs.get(uuid);
  for (const outputId of Object.keys(pins)) {
    const targets = pins[outputId];
    const output = outputs?.get(outputId) ?? { group: null, key: `\u0000dangling:${outputId}` };
    if (!isObject(targets)) continue;
    for (const targetUuid of Object.keys(targets)) {
      const list = targets[targetUuid];
      if (!Array.isArray(list)) continue;
      const target = ctx.flow.cards.get(targetUuid) ?? `\u0000dangling:${targetUuid}`;
      for (const pin of list) {
        if (!isObject(pin)) continue;
        const inputId = String(pin.input);
        const input = ctx.flow.inputs.get(targetUuid)?.get(inputId) ?? { group: null, key: `\u0000dangling:${inputId}` };
        out.push({ output, target, input, transform: liftTransform(pin.transform) });
      }
    }
  }
  return out;
}

function liftBranches(branches: Json | undefined, ctx: CardLiftContext): IrCard["branches"] {
  if (!isObject(branches)) return [];
  return Object.keys(branches).map((head) => ({
    head: ctx.flow.cards.get(head) ?? `\u0000dangling:${head}`,
    value: branches[head] === true,
  }));
}

function liftJoins(joins: Json | undefined, uuid: string, ctx: CardLiftContext): IrCard["joins"] {
  if (!isObject(joins)) return [];
  const inputs = ctx.flow.inputs.get(uuid);
  const outputs = ctx.flow.outputs.get(uuid);
  const out: IrCard["joins"] = [];
  for (const inputId of Object.keys(joins)) {
    const list = joins[inputId];
    const input = inputs?.get(inputId);
    // Stale keys (no such input, empty list) are UI leftovers (FLOPACK.md §6.1): dropped.
    if (!input && Array.isArray(list) && list.length === 0) continue;
    out.push({
      input: input ?? { group: null, key: `\u0000dangling:${inputId}` },
      links: (Array.isArray(list) ? list : []).filter(isObject).map((l) => ({
        output: outputs?.get(String(l.output)) ?? { group: null, key: `\u0000dangling:${String(l.output)}` },
        transform: liftTransform(l.transform),
      })),
    });
  }
  return out;
}

function liftPolicy(policy: Json | undefined, ctx: CardLiftContext): IrPolicy {
  if (!isObject(policy) || !isObject(policy.error)) return { error: { type: "finish" }, rest: isObject(policy) ? cloneJson(policy) : {} };
  const error = cloneJson(policy.error);
  const out: IrPolicy = { error };
  if ("flo" in error) {
    const flo = error.flo!;
    if (typeof flo === "string" && ctx.pack.flows.has(flo)) out.flo = { kind: "flow", flow: ctx.pack.flows.get(flo)! };
    else if (isObject(flo) && Array.isArray(flo.methods)) out.flo = { kind: "inline", scope: ctx.liftInline(flo) };
    else out.flo = { kind: "json", data: cloneJson(flo) };
    error.flo = null;
  }
  const rest: JsonObject = {};
  for (const k of Object.keys(policy)) if (k !== "error") defineKey(rest, k, cloneJson(policy[k]));
  if (Object.keys(rest).length > 0) out.rest = rest;
  return out;
}

/** Model keys that differ from the template, except the instance parts handled above. */
function diffModel(model: JsonObject, tModel: JsonObject, ir: IrCard): void {
  for (const key of Object.keys(model)) {
    if (INSTANCE_MODEL_KEYS.has(key)) continue;
    const mine = comparable(key, model[key]);
    const theirs = key in tModel ? comparable(key, tModel[key]) : undefined;
    if (!jsonEqual(mine, theirs)) defineKey(ir.modelPatch, key, mine as Json);
  }
  for (const key of Object.keys(tModel)) {
    if (!(key in model) && !INSTANCE_MODEL_KEYS.has(key)) ir.removedModelKeys.push(key);
  }
}

/** The part of a model value compared with the template (instance sub-parts removed). */
export function comparable(key: string, value: Json | undefined): Json | undefined {
  if (!isObject(value)) return value;
  if (key === "inputs" || key === "outputs") return omit(value, ["data"]);
  if (key === "metadata") return omit(value, ["name", "id"]);
  if (key === "display") return omit(value, ["configRef"]);
  return value;
}

function omit(obj: JsonObject, keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) if (!keys.includes(k)) defineKey(out, k, obj[k]);
  return out;
}

function diffMethod(card: JsonObject, template: JsonObject, ir: IrCard): void {
  for (const key of Object.keys(card)) {
    if (METHOD_KEYS.includes(key) && key !== "parents") continue;
    if (key === "parents") {
      if (!jsonEqual(stripParentIds(card.parents), stripParentIds(template.parents)))
        defineKey(ir.methodPatch, key, cloneJson(card.parents!));
      continue;
    }
    defineKey(ir.methodPatch, key, cloneJson(card[key]));
  }
  const node = isObject(card.node) ? card.node : {};
  for (const key of Object.keys(node)) {
    if (key === "key" || key === "data" || key === "model") continue;
    defineKey(ir.methodPatch, `node.${key}`, cloneJson(node[key]));
  }
}

function stripParentIds(parents: Json | undefined): Json | undefined {
  if (!isObject(parents)) return parents;
  const out: JsonObject = {};
  for (const k of Object.keys(parents)) {
    const p = parents[k];
    if (isObject(p) && isObject(p.data)) defineKey(out, k, { ...p, data: omit(p.data, ["id"]) });
    else defineKey(out, k, p);
  }
  return out;
}

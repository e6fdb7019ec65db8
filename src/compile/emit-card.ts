/**
 * IR card + catalog template → card JSON (the inverse of src/lift/lift-card.ts).
 */
import type { IrCard, IrDataId, IrEntryRef, IrExtraEntry, IrLink, IrScope, IrTransform, IrValue, Json, JsonObject } from "../ir/types.js";
import { cloneJson, defineKey, isObject } from "../util/json.js";
import { entryRefKey, entryRefs, sideEntries } from "../shapes/entries.js";
import { ids } from "./ids.js";

export interface CardEmitContext {
  flowRef: string;
  flowId(ref: string): string;
  tableId(ref: string): string;
  connectionId(link: IrLink): string;
  /** Output refs of every card in the flow that receive pins (for `_used`). */
  usedOutputs: Set<string>;
  emitInline(scope: IrScope, path: string): JsonObject;
}

export function usedKey(cardRef: string, entry: IrEntryRef): string {
  return `${cardRef}\u0002${entryRefKey(entry)}`;
}

export function emitCard(ir: IrCard, template: JsonObject, ctx: CardEmitContext): JsonObject {
  const card = ir.nameOf === undefined ? ir : { ...ir, name: ids.card(ctx.flowRef, ir.nameOf) };
  const cardId = ids.card(ctx.flowRef, card.ref);
  const tNode = isObject(template.node) ? template.node : {};
  const tModel = isObject(tNode.model) ? tNode.model : {};
  const model: JsonObject = {};
  for (const key of Object.keys(tModel)) {
    if (card.removedModelKeys.includes(key)) continue;
    defineKey(model, key, modelValue(key, tModel[key]!, card, ctx));
  }
  for (const key of Object.keys(card.modelPatch)) {
    if (!(key in model)) defineKey(model, key, modelValue(key, tModel[key] ?? null, card, ctx));
  }
  if (card.comments !== undefined && !("comments" in model)) model.comments = cloneJson(card.comments);
  const method: JsonObject = {};
  for (const key of Object.keys(template)) {
    switch (key) {
      case "uuid":
        method.uuid = cardId;
        break;
      case "pins":
        method.pins = emitPins(card, ctx);
        break;
      case "joins":
        method.joins = emitJoins(card, ctx);
        break;
      case "branches":
        method.branches = emitBranches(card, ctx);
        break;
      case "node":
        method.node = emitNode(tNode, card, model);
        break;
      default:
        defineKey(method, key, key in card.methodPatch ? cloneJson(card.methodPatch[key]) : cloneJson(template[key]));
    }
  }
  for (const key of Object.keys(card.methodPatch)) {
    if (!(key in method) && !key.startsWith("node.")) defineKey(method, key, cloneJson(card.methodPatch[key]));
  }
  return method;
}

function emitNode(tNode: JsonObject, card: IrCard, model: JsonObject): JsonObject {
  const node: JsonObject = {};
  for (const key of Object.keys(tNode)) {
    if (key === "model") node.model = model;
    else if (key === "data") node.data = { ...(isObject(tNode.data) ? cloneJson(tNode.data) : {}), name: card.name };
    else defineKey(node, key, cloneJson(tNode[key]));
  }
  for (const key of Object.keys(card.methodPatch)) {
    if (key.startsWith("node.")) defineKey(node, key.slice(5), cloneJson(card.methodPatch[key]));
  }
  return node;
}

function modelValue(key: string, tValue: Json, card: IrCard, ctx: CardEmitContext): Json {
  const patched = key in card.modelPatch ? card.modelPatch[key]! : undefined;
  switch (key) {
    case "inputs":
    case "outputs":
      return emitSide(key, (patched as JsonObject | undefined) ?? tValue, tValue, card, ctx);
    case "config":
      return card.connection ? ctx.connectionId(card.connection) : null;
    case "policy":
      return emitPolicy(card, ctx);
    case "metadata": {
      const base = isObject(patched) ? patched : isObject(tValue) ? tValue : {};
      const out: JsonObject = {};
      const tMeta = isObject(tValue) ? tValue : {};
      for (const k of Object.keys(tMeta))
        defineKey(out, k, k === "name" ? card.name : k in base ? cloneJson(base[k]) : cloneJson(tMeta[k]));
      for (const k of Object.keys(base)) if (!(k in out)) defineKey(out, k, cloneJson(base[k]));
      if (!("name" in out)) out.name = card.name;
      return out;
    }
    case "display": {
      const base = isObject(patched) ? cloneJson(patched) : isObject(tValue) ? cloneJson(tValue) : {};
      if (card.configRef) base.configRef = ctx.connectionId(card.configRef);
      return base;
    }
    case "comments":
      return card.comments !== undefined ? cloneJson(card.comments) : cloneJson(tValue);
    default:
      return patched !== undefined ? cloneJson(patched) : cloneJson(tValue);
  }
}

function emitSide(side: "inputs" | "outputs", base: Json, tValue: Json, card: IrCard, ctx: CardEmitContext): Json {
  if (!isObject(base)) return cloneJson(base);
  const s: "i" | "o" = side === "inputs" ? "i" : "o";
  const tModel: JsonObject = { [side]: tValue };
  const tEntries = sideEntries(tModel, side);
  const tRefs = entryRefs(tEntries);
  const removed = new Set((side === "inputs" ? card.removedInputs : card.removedOutputs).map(entryRefKey));
  const values = new Map((side === "inputs" ? card.inputValues : card.outputValues).map((v) => [entryRefKey(v.entry), v.value]));
  const extras = side === "inputs" ? card.extraInputs : card.extraOutputs;
  const data: JsonObject = {};
  const out: JsonObject = {};
  for (const key of Object.keys(base)) {
    if (key === "data") out.data = data;
    else defineKey(out, key, cloneJson(base[key]));
  }
  if (!("data" in out)) out.data = data;
  tEntries.forEach((tEntry, i) => {
    const ref = tRefs[i]!;
    if (removed.has(entryRefKey(ref))) return;
    const id = ids.entry(ctx.flowRef, card.ref, s, ref);
    const entry = cloneJson(tEntry);
    entry.id = id;
    const value = values.get(entryRefKey(ref));
    if (value && isObject(entry.value)) entry.value.data = emitValue(value, ctx, `${card.ref}/${s}/${entryRefKey(ref)}`);
    if (s === "o" && ctx.usedOutputs.has(usedKey(card.ref, ref))) entry._used = true;
    defineKey(data, id, entry);
  });
  // Extra entries are named among all entries the way lift named them: (group, key, occurrence).
  const all = [...tEntries.filter((_, i) => !removed.has(entryRefKey(tRefs[i]!))), ...extras.map((e) => e.entry)];
  const allRefs = entryRefs(all);
  extras.forEach((extra, j) => {
    const ref = allRefs[all.length - extras.length + j]!;
    const id = ids.entry(ctx.flowRef, card.ref, s, ref);
    const entry = emitExtra(extra, id, ctx, `${card.ref}/${s}/x${j}`);
    if (s === "o" && ctx.usedOutputs.has(usedKey(card.ref, ref))) entry._used = true;
    defineKey(data, id, entry);
  });
  return out;
}

function emitExtra(extra: IrExtraEntry, id: string, ctx: CardEmitContext, path: string): JsonObject {
  const entry: JsonObject = { id };
  for (const key of Object.keys(extra.entry)) defineKey(entry, key, cloneJson(extra.entry[key]));
  if (isObject(entry.value)) entry.value.data = emitValue(extra.value, ctx, path);
  const meta = isObject(entry.metadata) ? entry.metadata : undefined;
  if (meta && extra.links) {
    const l = extra.links;
    if (l.wormholeMethodId) meta.wormholeMethodId = cardLinkId(l.wormholeMethodId, ctx);
    if (l.srcMethodId) meta.srcMethodId = cardLinkId(l.srcMethodId, ctx);
    if (l.method) meta.method = cardLinkId(l.method, ctx);
    if (l.keyOf) entry.key = ids.entry(ctx.flowRef, l.keyOf.card, "o", l.keyOf.entry);
    if (l.srcOutputId) {
      meta.srcOutputId =
        "dangling" in l.srcOutputId ? l.srcOutputId.dangling : ids.entry(ctx.flowRef, l.srcOutputId.card, "o", l.srcOutputId.entry);
    }
  }
  return entry;
}

function cardLinkId(l: IrLink, ctx: CardEmitContext): string {
  return "dangling" in l ? l.dangling : ids.card(ctx.flowRef, l.ref);
}

export function emitValue(value: IrValue, ctx: CardEmitContext, path: string): Json {
  switch (value.kind) {
    case "json":
      return value.ids ? withDataIds(value.data, value.ids, ctx) : cloneJson(value.data);
    case "flow":
      return ctx.flowId(value.flow);
    case "table":
      return ctx.tableId(value.table);
    case "inline":
      return ctx.emitInline(value.scope, path);
  }
}

/** Constant data with the card (and output) ids it references written in. */
function withDataIds(data: Json, refs: readonly IrDataId[], ctx: CardEmitContext): Json {
  const out = cloneJson(data);
  for (const r of refs) {
    const id = r.output && "ref" in r.card ? ids.entry(ctx.flowRef, r.card.ref, "o", r.output) : cardLinkId(r.card, ctx);
    let at: Json = out;
    for (const step of r.path.slice(0, -1))
      at = isObject(at) ? (at[step as string] ?? null) : Array.isArray(at) ? (at[step as number] ?? null) : null;
    const last = r.path.at(-1)!;
    if (isObject(at) && typeof last === "string") defineKey(at, last, id);
    else if (Array.isArray(at) && typeof last === "number") at[last] = id;
  }
  return out;
}

function emitTransform(t: IrTransform | null, outputId: string): Json {
  if (!t) return null;
  return {
    [outputId]:
      t.convert === undefined
        ? { forceWrapArray: t.forceWrapArray, dest: outputId }
        : { convert: t.convert, forceWrapArray: t.forceWrapArray, dest: outputId },
  };
}

function emitPins(card: IrCard, ctx: CardEmitContext): JsonObject {
  const pins: JsonObject = {};
  for (const pin of card.pins) {
    const outputId = ids.entry(ctx.flowRef, card.ref, "o", pin.output);
    const targetId = ids.card(ctx.flowRef, pin.target);
    const inputId = ids.entry(ctx.flowRef, pin.target, "i", pin.input);
    const byTarget = (isObject(pins[outputId]) ? pins[outputId] : (pins[outputId] = {})) as JsonObject;
    const list = (Array.isArray(byTarget[targetId]) ? byTarget[targetId] : (byTarget[targetId] = [])) as Json[];
    list.push({ input: inputId, transform: emitTransform(pin.transform, outputId) });
  }
  return pins;
}

function emitJoins(card: IrCard, ctx: CardEmitContext): JsonObject {
  const joins: JsonObject = {};
  for (const join of card.joins) {
    const inputId = ids.entry(ctx.flowRef, card.ref, "i", join.input);
    joins[inputId] = join.links.map((l) => {
      const outputId = ids.entry(ctx.flowRef, card.ref, "o", l.output);
      return { output: outputId, transform: emitTransform(l.transform, outputId) };
    });
  }
  return joins;
}

function emitBranches(card: IrCard, ctx: CardEmitContext): JsonObject {
  const out: JsonObject = {};
  for (const b of card.branches) out[ids.card(ctx.flowRef, b.head)] = b.value;
  return out;
}

function emitPolicy(card: IrCard, ctx: CardEmitContext): JsonObject {
  const error = cloneJson(card.policy.error);
  const flo = card.policy.flo;
  if (flo) {
    error.flo =
      flo.kind === "flow"
        ? ctx.flowId(flo.flow)
        : flo.kind === "inline"
          ? ctx.emitInline(flo.scope, `${card.ref}/policy`)
          : cloneJson(flo.data);
  }
  const rest = card.policy.rest;
  if (!rest) return { error };
  // `rest` keeps the original key order; `error` goes where it was (first unless rest says otherwise).
  const out: JsonObject = {};
  if (!("error" in rest)) out.error = error;
  for (const k of Object.keys(rest)) defineKey(out, k, k === "error" ? error : cloneJson(rest[k]));
  return out;
}

/**
 * A card's inputs as a reviewer reads them, resolved once every card of the flow has its label: options, constants,
 * helper-flow calls, a Compose template, wires, the fields the author added (custom inputs, with their type and the
 * list item field they take) and custom outputs, and the error policy.
 */
import { MIRRORED_ACTIONS } from "../shapes/custom-entry.js";
import { contextChanges } from "./card-context.js";
import { fieldText } from "./field-text.js";
import { isKernel } from "./address.js";
import { sortedEntries, sortedEntriesWhere } from "./entries.js";
import { canonicalJson, get, getPath, isEmptyValue, isObject, str } from "./json.js";
import { entryLabels, inputGroupLabeler } from "./labels.js";
import type { RawScope } from "./raw-scope.js";
import type { FlowContext, PackContext } from "./view-context.js";
import type { Card, ErrorPolicyView, Field, Ref, TemplatePart } from "./view-types.js";
import { compareRefs, embedRefs, resolveRef } from "./wires.js";

/** A Compose placeholder: `{{{key}}}`. */
const TOKEN = /\{\{\{([^{}]+?)\}\}\}/g;

/** Resolves the inputs of every walked card of a flow (hidden ones aside, aliases included). */
export function resolveInputs(flow: FlowContext): void {
  for (const card of flow.order) {
    const source = flow.sources.get(card);
    if (!source) continue;
    if (card.pos === -1 && !flow.pack.aliases.has(card)) continue;
    resolveCard(card, source.method, source.scope, flow.pack);
    card.outputs.push(...contextChanges(flow, card, source.method));
  }
}

/**
 * An event flow's hidden For Each wrapper, folded into its trigger card (flow-view.ts): what it holds beyond the
 * usual (concurrency 1, the event's list) is shown on the trigger, labelled "event wrapper ...".
 */
export function foldEventWrapper(flow: FlowContext, wrapper: Card, trigger: Card): void {
  const source = flow.sources.get(wrapper);
  if (!source) return;
  resolveCard(wrapper, source.method, source.scope, flow.pack);
  const label = (f: Field): Field => ({ input: `event wrapper ${f.input}`, value: f.value });
  const usual = (f: Field): boolean => f.input === "concurrency" && f.value === 1;
  trigger.options.push(...wrapper.options.map(label));
  trigger.constants.push(...wrapper.constants.filter((f) => !usual(f)).map(label));
  trigger.fields.push(...wrapper.fields.map(label));
  trigger.outputs.push(...wrapper.outputs.map(label));
  if (wrapper.errorPolicy && trigger.errorPolicy === null) trigger.errorPolicy = wrapper.errorPolicy;
}

function resolveCard(card: Card, m: unknown, scope: RawScope, pack: PackContext): void {
  const model = getPath(m, "node", "model");
  const inputs = sortedEntries(pack, getPath(model, "inputs", "data"));
  const labels = entryLabels(inputs, inputGroupLabeler(pack, card, m));
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
    return (pins ?? []).map((p) => resolveRef(scope, p.src, p.output, p.transform, pack, 0)).sort(compareRefs);
  };

  for (const e of inputs) {
    const key = str(get(e, "key")) ?? "?";
    const label = labels.get(e) ?? key;
    const meta = get(e, "metadata");
    if (get(meta, "forceHide") === true || get(meta, "wormholeMethodId") !== undefined) continue;
    if (text && e !== text && byKey.get(key) === e) continue; // shown inside the template
    const value = get(e, "value");
    const data = get(value, "data");
    if (get(meta, "custom") === true) card.fields.push({ input: label, value: fieldText(value) });
    const sources = sourcesOf(e);
    if (sources.length > 0) {
      card.wires.push({ input: label, sources });
      continue;
    }
    if (get(value, "type") === "flo") {
      if (typeof data === "string" && data !== "")
        card.calls.push({ input: label, value: pack.flowNames.get(data) ?? "(flow not in this flopack)" });
      continue; // inline flows are blocks
    }
    if (e === text) {
      card.template = { input: label, parts: templateParts(data as string, byKey, sourcesOf) };
      continue;
    }
    const isOption = get(e, "flags") === "p" || get(e, "group") === "parameters";
    if (isOption) {
      card.options.push({ input: label, value: optionValue(data, pack) });
    } else if (!isEmptyValue(data)) {
      card.constants.push({ input: label, value: embedRefs(data, scope, pack, 0) });
    }
  }

  card.outputs = customOutputs(pack, getPath(model, "outputs", "data"), card);

  const policy = getPath(model, "policy", "error");
  if (isObject(policy) && canonicalJson(policy) !== '{"type":"finish"}' && !isKernel(card.kind, "control", "tryCatch")) {
    card.errorPolicy = errorPolicyView(policy, pack);
  } else if (isObject(policy) && isKernel(card.kind, "control", "tryCatch") && get(policy, "type") !== "handler") {
    card.errorPolicy = errorPolicyView(policy, pack);
  }
}

/**
 * The outputs the author added (`metadata.custom`). Cards whose outputs repeat their fields (Assign, Return, start
 * cards) show them only where they do not: then each output, and each field without one as "(none)".
 */
function customOutputs(pack: PackContext, data: unknown, card: Card): Field[] {
  const outputs = sortedEntriesWhere(pack, data, isShownCustomOutput);
  if (outputs.length === 0 && card.fields.length === 0) return [];
  const labels = entryLabels(outputs, (g) => g);
  const out: Field[] = outputs.map((e) => ({ input: labels.get(e) ?? str(get(e, "key")) ?? "?", value: fieldText(get(e, "value")) }));
  if (!card.kind.kernel || !MIRRORED_ACTIONS.has(card.kind.action)) return out;
  const fields = new Map(card.fields.map((f) => [f.input, f.value]));
  const mirrored = out.length === fields.size && out.every((o) => fields.get(o.input) === o.value);
  if (mirrored) return [];
  const named = new Set(out.map((o) => o.input));
  return [...out, ...card.fields.filter((f) => !named.has(f.input)).map((f) => ({ input: f.input, value: "(none)" }))];
}

function isShownCustomOutput(e: unknown): boolean {
  const meta = get(e, "metadata");
  return get(meta, "custom") === true && get(meta, "forceHide") !== true && get(meta, "wormholeMethodId") === undefined;
}

/** An option naming a table or a flow of the pack reads as its name. */
function optionValue(data: unknown, pack: PackContext): unknown {
  if (typeof data === "string") {
    const table = pack.tableNames.get(data);
    if (table !== undefined) return { table };
    const flow = pack.flowNames.get(data);
    if (flow !== undefined) return { flow };
  }
  return data;
}

function errorPolicyView(policy: Record<string, unknown>, pack: PackContext): ErrorPolicyView {
  const view: ErrorPolicyView = { type: str(policy.type) ?? String(policy.type) };
  const other: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(policy)) {
    if (k === "type") continue;
    else if (k === "retry") view.retry = v;
    else if (k === "delay") view.delay = v;
    else if (k === "retryCondition") view.retryCondition = v;
    else if (k === "merge") view.merge = v;
    else if (k === "flo") {
      if (typeof v === "string") view.flow = pack.flowNames.get(v) ?? "(flow not in this flopack)";
      else if (!isObject(v)) other.flo = v;
    } else other[k] = v;
  }
  if (Object.keys(other).length > 0) view.other = other;
  return view;
}

/** A Compose text split into text, wired placeholders and placeholders holding a value. */
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

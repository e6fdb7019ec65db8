/**
 * The shape of a card as the typed factories see it: the settable inputs and the outputs of an address,
 * read from all of its catalog variants, with camelCase property names.
 *
 * - An input/output is identified by (group, key); its types are the union over the variants.
 * - Fields of extensible sides or groups (Compose placeholders, If/ElseIf groups, Table columns chosen by the
 *   user...) are per-card data: they are kept only when every variant has them. Other fields are united, so an
 *   option-dependent field (Custom API Action `Body` with POST) is a property too.
 * - On cards with a table option (Tables connector) the column fields depend on the chosen table: only the
 *   fields every variant has are kept (columns are set through `customInputs`).
 * - Hidden inputs (`metadata.hidden`, `metadata.forceHide`) are not settable and are left out.
 * - Property names: camelCase of the key; on a clash (with each other or a common prop) the group is prefixed,
 *   then a counter is appended. Same catalog → same names.
 */
import type { Json, JsonObject } from "../util/json.js";
import { isObject } from "../util/json.js";
import { canonicalJson } from "../util/json.js";
import { parseAddress } from "../shapes/address.js";
import { compareStrings } from "../util/compare.js";
import { optionValues, type CatalogEntry } from "./entry.js";
import { propertyName, uniqueNames } from "./naming.js";

/** Props every factory takes besides its inputs (see src/dsl/define-card.ts). */
export const COMMON_PROPS = ["name", "connection", "policy", "variant", "customInputs", "customOutputs", "comments", "patch"] as const;

export interface ValueShape {
  /** `value.type`: a type name or an object schema. */
  type: Json;
  collection: boolean;
}

export interface InputShape {
  prop: string;
  /** The key in `CardSpec.inputs`/`options`: the entry key, or "group/key" when a variant repeats the key in two groups. */
  specKey: string;
  group: string | null;
  key: string;
  option: boolean;
  required: boolean;
  types: ValueShape[];
  /** Option choices (`metadata.choices` values and observed values), when the option offers a list. */
  choices?: Json[];
  /** `metadata.displayname` when it says more than the key. */
  label?: string;
  /** The option picks an Okta Table (`metadata.table`; the Tables connector's `stash` option). */
  table?: true;
}

export interface OutputShape {
  prop: string;
  group: string | null;
  key: string;
  types: ValueShape[];
}

export interface CardShape {
  address: string;
  kind: "kernel" | "connector";
  module: string;
  action: string;
  name: string;
  description?: string;
  inputs: InputShape[];
  outputs: OutputShape[];
  /** Variant ids with their recorded option values, default first. */
  variants: Array<{ variant: string; options: Record<string, Json[]> }>;
}

interface Field {
  group: string | null;
  key: string;
  entries: JsonObject[];
  /** Dynamic fields (extensible side or group) survive only when every variant has them. */
  dynamic: boolean;
  variants: Set<string>;
}

function sideOf(template: JsonObject, side: "inputs" | "outputs"): JsonObject | undefined {
  const node = isObject(template.node) ? template.node : undefined;
  const model = node && isObject(node.model) ? node.model : undefined;
  const s = model?.[side];
  return isObject(s) ? s : undefined;
}

function entriesOf(side: JsonObject | undefined): JsonObject[] {
  if (!side || !isObject(side.data)) return [];
  const data = side.data;
  return Object.keys(data).map((k) => data[k]).filter(isObject);
}

function collectFields(variants: readonly CatalogEntry[], sideName: "inputs" | "outputs", tableDriven: boolean): Field[] {
  const fields = new Map<string, Field>();
  for (const v of variants) {
    const side = sideOf(v.template, sideName);
    const groupRules = side && isObject(side.groupRules) ? side.groupRules : {};
    const seen = new Set<string>();
    for (const entry of entriesOf(side)) {
      if (typeof entry.key !== "string") continue;
      const group = typeof entry.group === "string" ? entry.group : null;
      const id = JSON.stringify([group, entry.key]);
      if (seen.has(id)) continue; // a repeated (group, key) is not addressable by name
      seen.add(id);
      if (sideName === "inputs" && isObject(entry.metadata) && (entry.metadata.hidden === true || entry.metadata.forceHide === true)) continue;
      const rule = group !== null && Object.hasOwn(groupRules, group) ? groupRules[group] : undefined;
      const dynamic = side?.extensible === true || (isObject(rule) && rule.extensible === true);
      let field = fields.get(id);
      if (!field) {
        field = { group, key: entry.key, entries: [], dynamic: false, variants: new Set() };
        fields.set(id, field);
      }
      field.entries.push(entry);
      field.dynamic ||= dynamic;
      field.variants.add(v.variant);
    }
  }
  return [...fields.values()].filter((f) => !(f.dynamic || tableDriven) || f.variants.size === variants.length);
}

/** Cards with a table option (Tables connector) have column fields that belong to the chosen table. */
function hasTableOption(variants: readonly CatalogEntry[]): boolean {
  return variants.some((v) =>
    entriesOf(sideOf(v.template, "inputs")).some((e) => e.flags === "p" && isObject(e.metadata) && e.metadata.table === true),
  );
}

function typesOf(entries: readonly JsonObject[]): ValueShape[] {
  const byText = new Map<string, ValueShape>();
  for (const e of entries) {
    const value = isObject(e.value) ? e.value : {};
    const shape: ValueShape = { type: value.type ?? "object", collection: value.collection === true };
    byText.set(canonicalJson(shape), shape);
  }
  return [...byText.keys()].sort(compareStrings).map((k) => byText.get(k)!);
}

function choicesOf(entries: readonly JsonObject[], observed: readonly Json[]): Json[] | undefined {
  const values = new Map<string, Json>();
  let listed = false;
  for (const e of entries) {
    const choices = isObject(e.metadata) ? e.metadata.choices : undefined;
    if (!Array.isArray(choices) || choices.length === 0) continue;
    listed = true;
    for (const c of choices) {
      const value = isObject(c) && "value" in c ? c.value! : c;
      if (value === null || typeof value !== "object") values.set(canonicalJson(value), value);
    }
  }
  if (!listed) return undefined;
  for (const v of observed) if (v === null || typeof v !== "object") values.set(canonicalJson(v), v);
  return [...values.values()];
}

function labelOf(entries: readonly JsonObject[], key: string): string | undefined {
  for (const e of entries) {
    const label = isObject(e.metadata) ? e.metadata.displayname : undefined;
    if (typeof label === "string" && label.trim() !== "" && label !== key) return label;
  }
  return undefined;
}

/** Keys that some variant has in two different groups: those are addressed as "group/key". */
function repeatedKeys(variants: readonly CatalogEntry[]): Set<string> {
  const out = new Set<string>();
  for (const v of variants) {
    const groupsByKey = new Map<string, Set<string | null>>();
    for (const e of entriesOf(sideOf(v.template, "inputs"))) {
      if (typeof e.key !== "string") continue;
      const groups = groupsByKey.get(e.key) ?? new Set();
      groups.add(typeof e.group === "string" ? e.group : null);
      groupsByKey.set(e.key, groups);
    }
    for (const [key, groups] of groupsByKey) if (groups.size > 1) out.add(key);
  }
  return out;
}

function groupedName(field: { group: string | null; key: string }): string | undefined {
  return field.group === null ? undefined : propertyName(`${field.group} ${field.key}`);
}

/** The shape of an address from its variants (`catalog.variants(address)`, default first). */
export function cardShape(variants: readonly CatalogEntry[]): CardShape {
  const first = variants[0];
  if (!first) throw new Error("cardShape needs at least one catalog entry");
  const parsed = parseAddress(first.address);
  const repeated = repeatedKeys(variants);
  const tableDriven = hasTableOption(variants);
  const inputFields = collectFields(variants, "inputs", tableDriven);
  const inputNames = uniqueNames(inputFields, (f) => propertyName(f.key), groupedName, new Set(COMMON_PROPS));
  const inputs = inputFields.map((f, i): InputShape => {
    const option = f.entries.some((e) => e.flags === "p");
    const observed = option ? variants.flatMap((v) => optionValues(v, f.key)) : [];
    const choices = option ? choicesOf(f.entries, observed) : undefined;
    const label = labelOf(f.entries, f.key);
    const shape: InputShape = {
      prop: inputNames[i]!,
      specKey: repeated.has(f.key) ? `${f.group ?? ""}/${f.key}` : f.key,
      group: f.group,
      key: f.key,
      option,
      required: !option && f.variants.size === variants.length && f.entries.every((e) => e.required === true),
      types: typesOf(f.entries),
    };
    if (choices) shape.choices = choices;
    if (option && f.entries.some((e) => isObject(e.metadata) && e.metadata.table === true)) shape.table = true;
    if (label !== undefined) shape.label = label;
    return shape;
  });
  const outputFields = collectFields(variants, "outputs", tableDriven);
  const outputNames = uniqueNames(outputFields, (f) => propertyName(f.key), groupedName);
  const outputs = outputFields.map((f, i): OutputShape => ({ prop: outputNames[i]!, group: f.group, key: f.key, types: typesOf(f.entries) }));
  const node = isObject(first.template.node) ? first.template.node : {};
  const model = isObject(node.model) ? node.model : {};
  const metadata = isObject(model.metadata) ? model.metadata : {};
  const shape: CardShape = {
    address: first.address,
    kind: parsed?.kind ?? "connector",
    module: parsed?.module ?? first.address,
    action: parsed?.key ?? first.address,
    name: first.name,
    inputs,
    outputs,
    variants: variants.map((v) => ({
      variant: v.variant,
      options: Object.fromEntries(Object.keys(v.options).sort(compareStrings).map((k) => [k, optionValues(v, k)])),
    })),
  };
  if (typeof metadata.description === "string" && metadata.description.trim() !== "") shape.description = metadata.description;
  return shape;
}

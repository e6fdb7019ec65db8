/**
 * The shape of a card as the typed factories see it: the settable inputs and the outputs of an address, read from
 * its contract (contract.ts: types, required flags, choices, defaults) and its catalog variants (which fields
 * each has), with camelCase property names.
 *
 * - An input/output is identified by (group, key). Fields of extensible sides or groups (Compose placeholders,
 *   If/ElseIf groups...) are per-card data: the contract keeps only those every card has. On Tables cards the
 *   column fields belong to the chosen table (set through `fields`).
 * - Hidden inputs (`metadata.hidden`, `metadata.forceHide`) are not settable and are left out.
 * - Required: the designer requires the input, every card has it and it has no default (an option: the user
 *   picks it, a dynamic list or a table).
 * - Property names: camelCase of the key; on a clash (with each other or a common prop) the group is prefixed,
 *   then a counter is appended. Same catalog → same names.
 */
import type { Json } from "../util/json.js";
import { isObject } from "../util/json.js";
import { parseAddress } from "../shapes/address.js";
import { compareStrings } from "../util/compare.js";
import type { CardContract, ContractChoice, ContractField } from "./contract.js";
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
  /** The contract's type first, then the other types the user may switch the field to. */
  types: ValueShape[];
  /** The allowed values (`metadata.choices`), with their labels. */
  choices?: ContractChoice[];
  /** `metadata.displayname` when it says more than the key. */
  label?: string;
  /** The option picks an Okta Table (`metadata.table`; the Tables connector's `stash` option). */
  table?: true;
  /** The values come from the service (`metadata.method`): `<channel>.<operation>`. */
  dynamic?: string;
  /** What a new card holds when the flow does not set it. */
  default?: Json;
  /** Only some cards of the address have the field (it depends on an option). */
  partial?: true;
}

export interface OutputShape {
  prop: string;
  group: string | null;
  key: string;
  types: ValueShape[];
  label?: string;
  partial?: true;
}

export interface CardShape {
  address: string;
  kind: "kernel" | "connector";
  module: string;
  action: string;
  name: string;
  description?: string;
  /** Whether the card takes a connection (connector cards but the Tables cards). */
  connection: boolean;
  inputs: InputShape[];
  outputs: OutputShape[];
  /** Variant ids with their recorded option values and the partial inputs they have (spec keys), default first. */
  variants: Array<{
    variant: string;
    options: Record<string, Json[]>;
    partialInputs: string[];
    /** The type this variant gives each input the user may switch between types (If operands, Reduce's memo). */
    switchedTypes: Record<string, ValueShape>;
  }>;
}

/** Keys that some variant has in two different groups: those are addressed as "group/key". */
function repeatedKeys(variants: readonly CatalogEntry[]): Set<string> {
  const out = new Set<string>();
  for (const v of variants) {
    const node = isObject(v.template.node) ? v.template.node : {};
    const model = isObject(node.model) ? node.model : {};
    const side = isObject(model.inputs) && isObject(model.inputs.data) ? model.inputs.data : {};
    const groupsByKey = new Map<string, Set<string | null>>();
    for (const e of Object.values(side)) {
      if (!isObject(e) || typeof e.key !== "string") continue;
      const groups = groupsByKey.get(e.key) ?? new Set();
      groups.add(typeof e.group === "string" ? e.group : null);
      groupsByKey.set(e.key, groups);
    }
    for (const [key, groups] of groupsByKey) if (groups.size > 1) out.add(key);
  }
  return out;
}

/** A variant's type for each input with several types (`also`). */
function switchedTypes(v: CatalogEntry, inputs: readonly InputShape[]): Record<string, ValueShape> {
  const node = isObject(v.template.node) ? v.template.node : {};
  const model = isObject(node.model) ? node.model : {};
  const side = isObject(model.inputs) && isObject(model.inputs.data) ? model.inputs.data : {};
  const out: Record<string, ValueShape> = {};
  for (const input of inputs) {
    if (input.types.length < 2) continue;
    const e = Object.values(side).find((x) => isObject(x) && x.key === input.key && (x.group ?? null) === input.group);
    const value = isObject(e) && isObject(e.value) ? e.value : undefined;
    if (value) out[input.specKey] = { type: value.type ?? "object", collection: value.collection === true };
  }
  return out;
}

/** `[group, key]` of a variant's inputs (or outputs), as JSON. */
function entryIds(v: CatalogEntry, sideName: "inputs" | "outputs" = "inputs"): Set<string> {
  const node = isObject(v.template.node) ? v.template.node : {};
  const model = isObject(node.model) ? node.model : {};
  const s = model[sideName];
  const side = isObject(s) && isObject(s.data) ? s.data : {};
  const out = new Set<string>();
  for (const e of Object.values(side))
    if (isObject(e) && typeof e.key === "string") out.add(JSON.stringify([typeof e.group === "string" ? e.group : null, e.key]));
  return out;
}

function groupedName(field: { group: string | null; key: string }): string | undefined {
  return field.group === null ? undefined : propertyName(`${field.group} ${field.key}`);
}

function typesOf(f: ContractField): ValueShape[] {
  return [{ type: f.type, collection: f.collection }, ...(f.also ?? []).map((type) => ({ type, collection: f.collection }))];
}

/** The shape of an address from its contract and its variants (`catalog.variants(address)`, default first). */
export function cardShape(variants: readonly CatalogEntry[], contract: CardContract): CardShape {
  const first = variants[0];
  if (!first) throw new Error("cardShape needs at least one catalog entry");
  const parsed = parseAddress(first.address);
  const repeated = repeatedKeys(variants);
  // Fields no variant has (a project catalog replaced the templates) cannot be reached.
  const inAny = (side: "inputs" | "outputs") => new Set(variants.flatMap((v) => [...entryIds(v, side)]));
  const inputIds = inAny("inputs");
  const outputIds = inAny("outputs");
  const inputFields = contract.inputs.filter((i) => !i.hidden && inputIds.has(JSON.stringify([i.group, i.key])));
  const outputFields = contract.outputs.filter((o) => outputIds.has(JSON.stringify([o.group, o.key])));
  const inputNames = uniqueNames(inputFields, (f) => propertyName(f.key), groupedName, new Set(COMMON_PROPS));
  const inputs = inputFields.map((f, i): InputShape => {
    const partial = f.seen !== undefined;
    const shape: InputShape = {
      prop: inputNames[i]!,
      specKey: repeated.has(f.key) ? `${f.group ?? ""}/${f.key}` : f.key,
      group: f.group,
      key: f.key,
      option: f.option,
      required: f.required && f.default === undefined && !partial,
      types: typesOf(f),
    };
    if (f.choices) shape.choices = f.choices;
    if (f.table) shape.table = true;
    if (f.dynamic !== undefined) shape.dynamic = f.dynamic;
    if (f.default !== undefined) shape.default = f.default;
    if (f.label !== undefined) shape.label = f.label;
    if (partial) shape.partial = true;
    return shape;
  });
  const outputNames = uniqueNames(outputFields, (f) => propertyName(f.key), groupedName);
  const outputs = outputFields.map((f, i): OutputShape => {
    const out: OutputShape = { prop: outputNames[i]!, group: f.group, key: f.key, types: [{ type: f.type, collection: f.collection }] };
    if (f.label !== undefined) out.label = f.label;
    if (f.seen !== undefined) out.partial = true;
    return out;
  });
  const node = isObject(first.template.node) ? first.template.node : {};
  const model = isObject(node.model) ? node.model : {};
  const metadata = isObject(model.metadata) ? model.metadata : {};
  const shape: CardShape = {
    address: first.address,
    kind: parsed?.kind ?? "connector",
    module: parsed?.module ?? first.address,
    action: parsed?.key ?? first.address,
    name: first.name,
    connection: contract.connection,
    inputs,
    outputs,
    variants: variants.map((v) => {
      const has = entryIds(v);
      return {
        variant: v.variant,
        options: Object.fromEntries(Object.keys(v.options).sort(compareStrings).map((k) => [k, optionValues(v, k)])),
        partialInputs: inputs.filter((i) => i.partial && has.has(JSON.stringify([i.group, i.key]))).map((i) => i.specKey),
        switchedTypes: switchedTypes(v, inputs),
      };
    }),
  };
  if (typeof metadata.description === "string" && metadata.description.trim() !== "") shape.description = metadata.description;
  return shape;
}

/**
 * A new card is the card's clean shape: nothing one export's author typed or customised. After learning, every
 * template of the built-in catalog is brought to its card's contract:
 *
 * - values: an option holds the value its variant was recorded with, else the contract's default; an input holds
 *   the contract's default, else the empty value it was learned with (texts are the author's, never a default);
 * - help text (`model.comments`): the card's own (the text most exports agree on), else the empty text. Neither
 *   values nor texts are part of a variant, so lift and emit still give every real card back exactly;
 * - what is part of a variant cannot be changed in place: a template with a removed wire's leftover
 *   (`metadata.ghost`), a type the contract does not give the field (one author's object schema, a field switched
 *   to another type), fields of one card (a Lookup's keys), another table's columns as choices, or entry indexes
 *   that are not 0..n-1 (`index`: a new card would carry them, FP206) is marked with its `residue`, and sorts after
 *   clean variants (one with only `index` before one with any other residue). Where every variant of an option
 *   combination has residue, a clean variant is derived from the most common one (`derived`); its indexes are
 *   kept as they were seen (renumbering them would make a shape no export shows), so it may keep `index`.
 */
import type { Json, JsonObject } from "../util/json.js";
import { canonicalJson, cloneJson, isObject, jsonEqual } from "../util/json.js";
import { compareStrings } from "../util/compare.js";
import { contractField, type CardContract, type ContractField, type InputContract } from "./contract.js";
import { optionValues, type CatalogEntry } from "./entry.js";
import { isInstanceEntry, neutralData, variantOf } from "./template.js";
import { OKTA_CONTEXT_KEYS, TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { indexesInSequence, sideEntries } from "../shapes/entries.js";
import { actionKey, isConnectorCard } from "../shapes/address.js";
import { TABLE_COLUMN_SIDES } from "../shapes/tables.js";

export interface HelpTexts {
  /** The card's help text for an address and display name (null: none), undefined when exports disagree. */
  helpText(address: string, name: string): Json | undefined;
}

/** The entries of the built-in catalog brought to their contracts (see the module comment), sorted like the input. */
export function cleanEntries(entries: readonly CatalogEntry[], contracts: readonly CardContract[], help: HelpTexts): CatalogEntry[] {
  const byAddress = new Map(contracts.map((c) => [c.address, c]));
  const out: CatalogEntry[] = [];
  const groups = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    const contract = byAddress.get(entry.address);
    if (!contract) {
      out.push(entry);
      continue;
    }
    const cleaned = withContractValues(entry, contract, help);
    out.push(cleaned);
    const id = `${entry.address}\u0000${canonicalJson(entry.options)}`;
    groups.set(id, [...(groups.get(id) ?? []), cleaned]);
  }
  const variants = new Set(out.map((e) => `${e.address}\u0000${e.variant}`));
  for (const group of groups.values()) {
    if (group.some((e) => !e.residue)) continue;
    const source = [...group].sort((a, b) => b.count - a.count || compareStrings(a.variant, b.variant))[0]!;
    const derived = deriveClean(source, byAddress.get(source.address)!);
    if (variants.has(`${derived.address}\u0000${derived.variant}`)) continue;
    variants.add(`${derived.address}\u0000${derived.variant}`);
    out.push(derived);
  }
  return out;
}

function entriesOf(model: JsonObject, side: "inputs" | "outputs"): JsonObject[] {
  const s = model[side];
  return isObject(s) && isObject(s.data) ? Object.values(s.data).filter(isObject) : [];
}

function modelOf(template: JsonObject): JsonObject {
  return isObject(template.node) && isObject(template.node.model) ? template.node.model : {};
}

/** The entry with its template's values and texts set to the contract's, and its residue named. */
function withContractValues(entry: CatalogEntry, contract: CardContract, help: HelpTexts): CatalogEntry {
  const template = cloneJson(entry.template);
  const model = modelOf(template);
  for (const e of entriesOf(model, "inputs")) {
    if (isInstanceEntry(e, entry.address) || typeof e.key !== "string" || !isObject(e.value)) continue;
    const input = contractField(contract.inputs, typeof e.group === "string" ? e.group : null, e.key);
    const value = input ? valueFor(input, entry, e.key) : undefined;
    if (value !== undefined) e.value.data = cloneJson(value);
  }
  if ("comments" in model) {
    const own = help.helpText(entry.address, entry.name);
    model.comments = own !== undefined && own !== null ? cloneJson(own) : neutralData(model.comments!);
  }
  const residue = residueOf(template, contract);
  const out: CatalogEntry = { ...entry, template };
  delete out.residue;
  if (residue.length > 0) out.residue = residue;
  return out;
}

/** The value a new card of this variant holds in an input, when it is not the empty value. */
function valueFor(input: InputContract, entry: CatalogEntry, key: string): Json | undefined {
  if (input.option) {
    const recorded = optionValues(entry, key);
    if (recorded.length === 1) return recorded[0];
  }
  return input.default;
}

/**
 * What of an export's customisation a template carries, in a fixed order: `ghost` (a removed wire's leftover),
 * `type` (a type the card does not have: an author's schema), `switched` (a field switched to another of its types),
 * `fields` (per-card fields the contract does not know: a Lookup's keys, an If/ElseIf's branches), `choices`
 * (another table's columns), `mirror` (a mirrored card without the outputs that repeat its inputs), `index` (a
 * side's `metadata.index` values are not 0..n-1).
 */
export function residueOf(template: JsonObject, contract: CardContract): string[] {
  const found = new Set<string>();
  const model = modelOf(template);
  for (const side of ["inputs", "outputs"] as const) {
    const fields: readonly ContractField[] = side === "inputs" ? contract.inputs : contract.outputs;
    for (const e of entriesOf(model, side)) {
      if (isInstanceEntry(e, contract.address) || typeof e.key !== "string") continue;
      const meta = isObject(e.metadata) ? e.metadata : {};
      if ("ghost" in meta) found.add("ghost");
      const field = contractField(fields, typeof e.group === "string" ? e.group : null, e.key);
      if (!field) {
        // A start card's context (Okta's, per kind of flow: helper flow, If Error handler, inline flow) is no
        // author's customisation; other context keys are wormholes.
        if (e.group === "context" && OKTA_CONTEXT_KEYS.has(e.key)) continue;
        // A mirrored card's outputs repeat its inputs (FP139): the card's own shape wherever the input is.
        if (side === "outputs" && model.mirrored === true && contractField(contract.inputs, typeof e.group === "string" ? e.group : null, e.key))
          continue;
        found.add("fields");
        continue;
      }
      const fit = typeFit(e, field);
      if (fit !== "own") found.add(fit === "switched" ? "switched" : "type");
      if (side === "inputs" && Array.isArray(meta.choices) && meta.choices.length > 0 && !(field as InputContract).choices) found.add("choices");
    }
  }
  if (model.mirrored === true && !mirrorsInputs(model, contract.address)) found.add("mirror");
  if (!indexesAsOkta(model, contract.address)) found.add("index");
  return RESIDUE_KINDS.filter((r) => found.has(r));
}

/**
 * Whether a mirrored card's outputs repeat its inputs (group and key), as they must everywhere but in one place: a
 * Return Error inside an If Error's error flow may have none (FP139). A template without them is that place's.
 */
function mirrorsInputs(model: JsonObject, address: string): boolean {
  const pairs = (side: "inputs" | "outputs") =>
    entriesOf(model, side)
      .filter((e) => !isInstanceEntry(e, address))
      .map((e) => canonicalJson([e.group ?? null, e.key ?? null]))
      .sort();
  return jsonEqual(pairs("inputs"), pairs("outputs"));
}

const RESIDUE_KINDS = ["ghost", "type", "switched", "fields", "choices", "mirror", "index"];

/**
 * Whether both sides' indexes are 0..n-1. The column side of a Tables card is not judged: its template lacks the
 * columns (one table's, instance data) that the indexes count.
 */
function indexesAsOkta(model: JsonObject, address: string): boolean {
  const columns = isConnectorCard(address, TABLES_CONNECTOR) ? TABLE_COLUMN_SIDES[actionKey(address)] : undefined;
  return (["inputs", "outputs"] as const).every((side) => side === columns || indexesInSequence(sideEntries(model, side)));
}


/** The contract's type (`own`), another of the types the user may switch the field to, or neither. */
function typeFit(e: JsonObject, field: ContractField): "own" | "switched" | "other" {
  const value = isObject(e.value) ? e.value : {};
  if ((value.collection === true) !== field.collection) return "other";
  const type = value.type ?? "object";
  if (jsonEqual(type, field.type)) return "own";
  return typeof type === "string" && (field.also ?? []).includes(type) ? "switched" : "other";
}

/** The clean variant of an entry with residue: no ghosts, the contract's types, no one card's fields, no borrowed choices. */
function deriveClean(source: CatalogEntry, contract: CardContract): CatalogEntry {
  const template = cloneJson(source.template);
  const model = modelOf(template);
  const dropped: Array<["inputs" | "outputs", JsonObject]> = [];
  for (const side of ["inputs", "outputs"] as const) {
    const fields: readonly ContractField[] = side === "inputs" ? contract.inputs : contract.outputs;
    for (const e of entriesOf(model, side)) {
      if (isInstanceEntry(e, contract.address) || typeof e.key !== "string") continue;
      const meta = isObject(e.metadata) ? e.metadata : undefined;
      if (meta) delete meta.ghost;
      const field = contractField(fields, typeof e.group === "string" ? e.group : null, e.key);
      if (!field) {
        if (!(e.group === "context" && OKTA_CONTEXT_KEYS.has(e.key))) dropped.push([side, e]);
        continue;
      }
      if (!isObject(e.value)) continue;
      if (typeFit(e, field) !== "own") {
        e.value.type = cloneJson(field.type);
        e.value.collection = field.collection;
        if ("data" in e.value) e.value.data = neutralData(e.value.data!);
      }
      if (meta && Array.isArray(meta.choices) && meta.choices.length > 0 && side === "inputs" && !(field as InputContract).choices) meta.choices = [];
    }
  }
  for (const [side, e] of dropped) {
    const data = (model[side] as JsonObject).data as JsonObject;
    for (const id of Object.keys(data)) if (data[id] === e) delete data[id];
  }
  const residue = residueOf(template, contract);
  return {
    address: source.address,
    variant: variantOf(template),
    name: source.name,
    options: cloneJson(source.options),
    count: 0,
    sources: [],
    template,
    ...(residue.length > 0 ? { residue } : {}),
    derived: source.variant,
  };
}

/**
 * Outputs that follow an option's value. An option picks the variant a card is written on (its own version's
 * variants recording the value, or another version's, `alternateVariants`), and variants do not all have the same
 * outputs: Okta's List Users with Filter has `Users` with "First 200 Matching Records" (seen on 1.0.572 only) and
 * `Raw Output`/`ID`/`Status` with "First Matching Record". For each option value whose variants have other outputs
 * than the factory's `Outputs` type lists, the factory gets an overload returning exactly those outputs.
 *
 * Tables cards are left out: their outputs are the chosen table's columns.
 */
import { alternateVariants } from "../catalog/factory-plan.js";
import { contractField } from "../catalog/contract.js";
import { optionValues, type CatalogEntry } from "../catalog/entry.js";
import { propertyName, uniqueNames } from "../catalog/naming.js";
import type { CardShape, OutputShape } from "../catalog/shape.js";
import type { Catalog } from "../catalog/store.js";
import { isInstanceEntry } from "../catalog/template.js";
import { chooseCardVariant, type FactoryMeta } from "../dsl/define-card.js";
import { isConnectorCard } from "../shapes/address.js";
import { modelOf, sideEntries } from "../shapes/entries.js";
import { TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { jsonEqual, type Json } from "../util/json.js";

/** What `chooseCardVariant` reads of a factory's metadata (its variants and alternates), for a card shape. */
export function variantChoiceMeta(shape: CardShape, alternates: ReturnType<typeof alternateVariants>): FactoryMeta {
  return {
    address: shape.address,
    name: shape.name,
    inputs: [],
    outputs: [],
    variants: shape.variants.map((v) => [v.variant, v.options] as const),
    alternates: alternates.map((a) => [a.address, a.variant, a.options] as const),
  };
}

export interface OptionOutputSet {
  /** The option (its spec key) and the value that picks the variants. */
  specKey: string;
  value: Json;
  /** The outputs a card written for that value has: the factory's own where it has them, others after. */
  outputs: OutputShape[];
}

/** The option values whose variants have other outputs than the factory's type lists, in option and choice order. */
export function optionOutputSets(catalog: Catalog, shape: CardShape): OptionOutputSet[] {
  if (isConnectorCard(shape.address, TABLES_CONNECTOR)) return [];
  const alternates = alternateVariants(catalog, shape);
  const meta = variantChoiceMeta(shape, alternates);
  const own = new Set(shape.outputs.map((o) => outputId(o.group, o.key)));
  const extraNames = new Map<string, string>();
  const out: OptionOutputSet[] = [];
  for (const option of shape.inputs.filter((i) => i.option && i.choices && i.choices.length > 0)) {
    for (const { value } of option.choices!) {
      const entries = pickedEntries(catalog, shape, meta, option.specKey, value);
      if (entries.length === 0) continue;
      const outputs = outputsOf(catalog, shape, entries, extraNames);
      const ids = outputs.map((o) => outputId(o.group, o.key));
      if (ids.length === own.size && ids.every((id) => own.has(id))) continue;
      out.push({ specKey: option.specKey, value, outputs });
    }
  }
  return out;
}

/** The variants a call giving only this option value is written on (none: the value keeps the factory's shape). */
function pickedEntries(catalog: Catalog, shape: CardShape, meta: FactoryMeta, key: string, value: Json): CatalogEntry[] {
  const chosen = chooseCardVariant(meta, { [key]: value });
  if (chosen.address !== shape.address) {
    const entry = chosen.variant !== undefined ? catalog.get(chosen.address, chosen.variant) : undefined;
    return entry ? [entry] : [];
  }
  return catalog.variants(shape.address).filter((v) => optionValues(v, key).some((x) => jsonEqual(x, value)));
}

/**
 * The outputs the entries have that their contract knows, as output shapes: the factory's own where it lists the
 * output, else one named after the key, unique among the factory's output names (one name per output per factory).
 */
function outputsOf(catalog: Catalog, shape: CardShape, entries: readonly CatalogEntry[], extraNames: Map<string, string>): OutputShape[] {
  const found = new Map<string, OutputShape>();
  for (const entry of entries) {
    const contract = catalog.contract(entry.address);
    for (const { group, key } of templateOutputs(entry)) {
      const id = outputId(group, key);
      if (found.has(id)) continue;
      const listed = shape.outputs.find((o) => o.group === group && o.key === key);
      if (listed) {
        found.set(id, listed);
        continue;
      }
      const field = contract ? contractField(contract.outputs, group, key) : undefined;
      if (!field) continue;
      if (!extraNames.has(id)) {
        const taken = new Set([...shape.outputs.map((o) => o.prop), ...extraNames.values()]);
        extraNames.set(id, uniqueNames([key], propertyName, () => undefined, taken)[0]!);
      }
      const output: OutputShape = {
        prop: extraNames.get(id)!,
        group,
        key,
        types: [{ type: field.type, collection: field.collection }],
      };
      if (field.label !== undefined) output.label = field.label;
      found.set(id, output);
    }
  }
  const rank = (o: OutputShape) => {
    const i = shape.outputs.indexOf(o);
    return i < 0 ? shape.outputs.length : i;
  };
  return [...found.values()].sort((a, b) => rank(a) - rank(b));
}

function outputId(group: string | null, key: string): string {
  return JSON.stringify([group, key]);
}

/**
 * Per option (spec key): the values no export shows the card with, where the values exports do show give the card
 * different outputs (List Users with Search: "Users" with "First 200 Matching Records", "Records Streamed" with
 * "Stream Matching Records"). Such a value's card has outputs no template holds: the factory refuses it rather than
 * write it on another value's shape. Options whose values share their outputs (a Custom API Action's request type)
 * keep the default's shape for an unseen value.
 */
export function unseenOptionValues(catalog: Catalog, shape: CardShape): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  if (isConnectorCard(shape.address, TABLES_CONNECTOR)) return out;
  const entries = [
    ...catalog.variants(shape.address),
    ...alternateVariants(catalog, shape).flatMap((a) => catalog.get(a.address, a.variant) ?? []),
  ];
  for (const option of shape.inputs.filter((i) => i.option && i.choices && i.choices.length > 0)) {
    const outputsByValue = new Map<string, Set<string>>();
    for (const entry of entries) {
      const outputs = JSON.stringify(outputIds(entry));
      for (const v of optionValues(entry, option.specKey)) {
        const id = JSON.stringify(v);
        outputsByValue.set(id, (outputsByValue.get(id) ?? new Set()).add(outputs));
      }
    }
    const sets = [...outputsByValue.values()];
    const distinct = sets.length > 1 && sets.every((a, i) => sets.every((b, j) => i === j || [...a].every((x) => !b.has(x))));
    const unseen = option.choices!.map((c) => c.value).filter((v) => !outputsByValue.has(JSON.stringify(v)));
    if (distinct && unseen.length > 0) out.set(option.specKey, unseen);
  }
  return out;
}

function outputIds(entry: CatalogEntry): string[] {
  return templateOutputs(entry)
    .map((o) => outputId(o.group, o.key))
    .sort();
}

/** A template's own outputs (not the instance entries an export's author added), as group and key. */
function templateOutputs(entry: CatalogEntry): Array<{ group: string | null; key: string }> {
  return sideEntries(modelOf(entry.template), "outputs").flatMap((e) =>
    isInstanceEntry(e, entry.address) || typeof e.key !== "string"
      ? []
      : [{ group: typeof e.group === "string" ? e.group : null, key: e.key }],
  );
}

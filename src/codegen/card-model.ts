/**
 * How `lower` will see an IR card when it is written as a spec: its template, its entries as lower names
 * them (template entries minus removed ones, then custom ones), and the spec keys that reach each entry.
 * Codegen uses this to choose keys and refs that lower resolves back to exactly the same entries.
 */
import type { Catalog } from "../catalog/store.js";
import type { CatalogEntry } from "../catalog/entry.js";
import type { IrCard, IrEntryRef, JsonObject } from "../ir/types.js";
import type { ValueType } from "../shapes/conversion.js";
import { entryRefs, findEntry, modelOf, sameEntry, sideEntries, typeOf } from "../shapes/entries.js";

export interface LoweredEntry {
  ref: IrEntryRef;
  entry: JsonObject;
  type: ValueType;
  /** Index into the card's extras when the entry is a custom one. */
  extra?: number;
  /** Index into the template's entries when it is a template one. */
  template?: number;
}

export interface CardModel {
  card: IrCard;
  template: CatalogEntry;
  templateInputs: JsonObject[];
  templateOutputs: JsonObject[];
  inputs: LoweredEntry[];
  outputs: LoweredEntry[];
}

export function cardModel(card: IrCard, catalog: Catalog): CardModel {
  const template = catalog.get(card.address, card.variant);
  if (!template) throw new Error(`card ${card.address} variant ${card.variant} is not in the catalog`);
  const model = modelOf(template.template);
  const templateInputs = sideEntries(model, "inputs");
  const templateOutputs = sideEntries(model, "outputs");
  return {
    card,
    template,
    templateInputs,
    templateOutputs,
    inputs: lowered(
      templateInputs,
      card.removedInputs,
      card.extraInputs.map((x) => x.entry),
    ),
    outputs: lowered(
      templateOutputs,
      card.removedOutputs,
      card.extraOutputs.map((x) => x.entry),
    ),
  };
}

function lowered(templateEntries: JsonObject[], removed: IrEntryRef[], extras: JsonObject[]): LoweredEntry[] {
  const tRefs = entryRefs(templateEntries);
  const kept = templateEntries.map((e, i) => ({ e, i })).filter(({ i }) => !removed.some((r) => sameEntry(r, tRefs[i]!)));
  const all = [...kept.map((k) => k.e), ...extras];
  const refs = entryRefs(all);
  return all.map((entry, i) => ({
    ref: refs[i]!,
    entry,
    type: typeOf(entry),
    ...(i < kept.length ? { template: kept[i]!.i } : { extra: i - kept.length }),
  }));
}

/** A key `findEntry(entries, key)` resolves to index `i`: the entry key, else "group/key"; undefined if none. */
export function specKey(entries: readonly JsonObject[], i: number): string | undefined {
  const e = entries[i];
  if (!e) return undefined;
  const key = typeof e.key === "string" ? e.key : String(e.key);
  if (findEntry(entries, key) === i) return key;
  const grouped = `${typeof e.group === "string" ? e.group : ""}/${key}`;
  if (findEntry(entries, grouped) === i) return grouped;
  return undefined;
}

/** The spec key of the first of `entries` that `matches`; undefined when there is none or it has no key. */
export function specKeyOf(entries: readonly LoweredEntry[], matches: (e: LoweredEntry) => boolean): string | undefined {
  const i = entries.findIndex(matches);
  return i < 0
    ? undefined
    : specKey(
        entries.map((x) => x.entry),
        i,
      );
}

/** The output key a ref `$out(key)` resolves to exactly this output (exact key, unique); undefined if none. */
export function outputKey(outputs: readonly LoweredEntry[], ref: IrEntryRef): string | undefined {
  const target = outputs.find((o) => sameEntry(o.ref, ref));
  if (!target) return undefined;
  const same = outputs.filter((o) => o.ref.key === ref.key);
  if (same.length === 1) return ref.key;
  // "group/key" when the key repeats across groups (object-expand outputs).
  const grouped = same.filter((o) => o.ref.group === ref.group);
  return grouped.length === 1 && (ref.nth ?? 0) === 0 ? `${ref.group ?? ""}/${ref.key}` : undefined;
}

export function isOption(entry: JsonObject): boolean {
  return entry.flags === "p";
}

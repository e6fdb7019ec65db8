/**
 * A card's fields as it runs: its catalog template's entries (minus those the card removed, with the card's own
 * values) followed by its instance entries (custom fields, wormholes, Compose placeholders...), named the way emit
 * names them (src/compile/emit-card.ts), so that pins and joins, which name entries by (group, key, occurrence),
 * find them.
 */
import type { IrCard, IrDataId, IrEntryRef, IrExtraEntry, IrValue, Json, JsonObject } from "../ir/types.js";
import { dataOf, entryRefKey, entryRefs, sideEntries } from "../shapes/entries.js";
import { cloneJson, isObject } from "../util/json.js";

export interface CardEntry {
  readonly ref: IrEntryRef;
  /** The entry as Okta stores it (template or instance entry); its `value.data` is the template's. */
  readonly entry: JsonObject;
  /** The value the card holds in this entry: the card's own value, else the template's data. */
  readonly value: IrValue;
  /** An instance entry (not in the card's template). */
  readonly extra: boolean;
  readonly links: IrExtraEntry["links"] | undefined;
}

export function cardEntries(card: IrCard, template: JsonObject, side: "inputs" | "outputs"): CardEntry[] {
  const node = isObject(template.node) ? template.node : {};
  const tModel = isObject(node.model) ? node.model : {};
  const tEntries = sideEntries(tModel, side);
  const tRefs = entryRefs(tEntries);
  const removed = new Set((side === "inputs" ? card.removedInputs : card.removedOutputs).map(entryRefKey));
  const values = new Map((side === "inputs" ? card.inputValues : card.outputValues).map((v) => [entryRefKey(v.entry), v.value]));
  const extras = side === "inputs" ? card.extraInputs : card.extraOutputs;
  const out: CardEntry[] = [];
  tEntries.forEach((entry, i) => {
    const ref = tRefs[i]!;
    if (removed.has(entryRefKey(ref))) return;
    out.push({ ref, entry, value: values.get(entryRefKey(ref)) ?? { kind: "json", data: dataOf(entry) }, extra: false, links: undefined });
  });
  const all = [...out.map((e) => e.entry), ...extras.map((e) => e.entry)];
  const allRefs = entryRefs(all);
  extras.forEach((extra, j) => {
    const ref = allRefs[all.length - extras.length + j]!;
    out.push({ ref, entry: extra.entry, value: extra.value, extra: true, links: extra.links });
  });
  return out;
}

/**
 * Ids the simulator gives cards and card outputs where constant data names them (a Tables filter's
 * `rhd.methodId` / `rhd.outputId`, the key of its hidden `_expr` fields): stable, readable, and the same at both
 * ends.
 */
export function simCardId(card: string): string {
  return card;
}

export function simOutputId(card: string, entry: IrEntryRef): string {
  return `${card}#${entryRefKey(entry).split("\u0001").join("/").replace("\u0000", "")}`;
}

/** The key of an entry as the card sees it: an entry keyed by a card output's id gets the simulator's id. */
export function entryKey(e: CardEntry): string {
  const keyOf = e.links?.keyOf;
  if (keyOf) return simOutputId(keyOf.card, keyOf.entry);
  return typeof e.entry.key === "string" ? e.entry.key : String(e.entry.key);
}

/** Constant data with the ids it names written in (see simCardId). */
export function constantData(data: Json, ids: readonly IrDataId[] | undefined): Json {
  if (!ids || ids.length === 0) return data;
  const out = cloneJson(data);
  for (const r of ids) {
    const id = "dangling" in r.card ? r.card.dangling : r.output ? simOutputId(r.card.ref, r.output) : simCardId(r.card.ref);
    let at: Json = out;
    for (const step of r.path.slice(0, -1))
      at = isObject(at) ? (at[step as string] ?? null) : Array.isArray(at) ? (at[step as number] ?? null) : null;
    const last = r.path.at(-1);
    if (isObject(at) && typeof last === "string") at[last] = id;
    else if (Array.isArray(at) && typeof last === "number") at[last] = id;
  }
  return out;
}

/**
 * Comparing a card flocode wrote with the real cards of the same address: the forms both sides are reduced to
 * (key sets, the card's own entries, the metadata keys of each entry, option values), shared by the clean-shape test
 * (each factory's default card) and the acceptance test (every card of the flows written from scratch).
 */
import type { CardContract } from "../../src/catalog/contract.js";
import { contractField } from "../../src/catalog/contract.js";
import type { Catalog } from "../../src/catalog/store.js";
import { isInstanceEntry } from "../../src/catalog/template.js";
import { forEachCard } from "../../src/catalog/walk.js";
import { readFlopackFile } from "../../src/format/parse.js";
import type { Json, JsonObject } from "../../src/ir/types.js";
import { canonicalJson, isObject } from "../../src/util/json.js";
import { dataOfEntry } from "./factory-cards.js";

export function modelOf(card: JsonObject): JsonObject {
  return isObject(card.node) && isObject(card.node.model) ? card.node.model : {};
}

export function entries(card: JsonObject, side: "inputs" | "outputs"): JsonObject[] {
  const s = modelOf(card)[side];
  return isObject(s) && isObject(s.data) ? Object.values(s.data).filter(isObject) : [];
}

/**
 * The card's own entries (not custom fields, wormholes, Tables columns...), as shapes without ids and values. With
 * `contract`, read as the card's own shape where the contract says an author customised a field; with `switched`
 * too, a field the user may switch between types counts with the contract's type.
 */
export function entryShapes(card: JsonObject, contract?: CardContract, switched = false): string[] {
  const out: string[] = [];
  for (const side of ["inputs", "outputs"] as const) {
    for (const e of entries(card, side)) {
      if (isInstanceEntry(e, String(card.address))) continue;
      const v = isObject(e.value) ? e.value : {};
      let type: Json = v.type ?? "object";
      let collection = v.collection === true;
      const field =
        contract && typeof e.key === "string"
          ? contractField(contract[side], typeof e.group === "string" ? e.group : null, e.key)
          : undefined;
      // A field of one card (a Lookup's keys, an If/ElseIf's branches) is not the card's.
      if (contract && !field) continue;
      if (field?.why !== undefined) [type, collection] = [field.type, field.collection];
      if (switched && field && typeof type === "string" && field.also?.includes(type)) type = field.type;
      out.push(canonicalJson([side, e.group ?? null, e.key, type, collection, e.flags ?? null, e.required ?? null]));
    }
  }
  return out.sort();
}

/** The key sets of the card, its node and its model. */
export function keySets(card: JsonObject): string {
  const node = isObject(card.node) ? card.node : {};
  return canonicalJson([Object.keys(card).sort(), Object.keys(node).sort(), Object.keys(modelOf(card)).sort()]);
}

/**
 * The metadata keys of each of the card's own entries, `index` (a position) and `ghost` (a removed wire's leftover,
 * which a new card never carries: src/catalog/clean.ts) aside.
 */
export function metadataKeys(card: JsonObject): string {
  const out: string[] = [];
  for (const side of ["inputs", "outputs"] as const)
    for (const e of entries(card, side)) {
      if (isInstanceEntry(e, String(card.address))) continue;
      const keys = isObject(e.metadata) ? Object.keys(e.metadata).filter((k) => k !== "index" && k !== "ghost") : [];
      out.push(canonicalJson([side, e.group ?? null, e.key, keys.sort()]));
    }
  return canonicalJson(out.sort());
}

/** The values of the options with choices (the others, a channel or a table, are the flow's own data). */
export function optionValues(card: JsonObject, catalog: Catalog): string {
  const out: Array<[Json, Json | undefined]> = [];
  const contract = catalog.contract(String(card.address));
  for (const e of entries(card, "inputs")) {
    if (e.flags !== "p" || isInstanceEntry(e, String(card.address)) || typeof e.key !== "string") continue;
    const input = contract && contractField(contract.inputs, typeof e.group === "string" ? e.group : null, e.key);
    if (input?.choices) out.push([e.key, dataOfEntry(e)]);
  }
  return canonicalJson(out.sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
}

/** Every card of the given exports by address (inline flows included), read through src/format. */
export function realCardsByAddress(files: readonly string[]): Map<string, JsonObject[]> {
  const real = new Map<string, JsonObject[]>();
  for (const file of files) {
    const read = readFlopackFile(file);
    if (!read.ok) throw new Error(`${file}: ${read.findings[0]?.message ?? "unreadable"}`);
    forEachCard(read.flopack, ({ card }) => {
      const list = real.get(String(card.address)) ?? [];
      list.push(card);
      real.set(String(card.address), list);
    });
  }
  return real;
}

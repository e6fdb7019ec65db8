/**
 * The order the review tools walk a scope in: derived from content only, so that two exports that differ in ids or
 * storage order give the same view. Cards are ordered by type and name; ties between cards of equal type and name
 * (only in malformed graphs) by their inputs and by what follows them, never by ids or storage order.
 */
import type { ScopeIndex, StructureBranch, WalkOrder } from "../lift/structure.js";
import { isKernel } from "./address.js";
import { sortedEntries } from "./entries.js";
import { canonicalJson, compareStrings, get, getPath, isObject, str } from "./json.js";
import { displayName, methodKind, type RawCard, type RawScope } from "./raw-scope.js";
import type { PackContext } from "./view-context.js";

export function reviewOrder(scope: RawScope, index: ScopeIndex<RawCard>, pack: PackContext): WalkOrder<RawCard> {
  const ownSigs = new Map<string, string>();
  const ownSig = (u: string): string => {
    let sig = ownSigs.get(u);
    if (sig === undefined) ownSigs.set(u, (sig = contentSignature(scope, u, pack)));
    return sig;
  };
  const deepSigs = new Map<string, string>();
  const deepSig = (u: string): string => {
    let sig = deepSigs.get(u);
    if (sig !== undefined) return sig;
    const levels: string[] = [];
    let level = [u];
    for (let depth = 0; depth < 16 && level.length > 0; depth++) {
      levels.push(level.map(ownSig).sort(compareStrings).join("\u0003"));
      level = level.flatMap((v) => index.successors(v));
      // A wide level is cut to its first cards by content (never by storage order).
      if (level.length > 256) level = level.sort((a, b) => compareStrings(ownSig(a), ownSig(b))).slice(0, 256);
    }
    deepSigs.set(u, (sig = levels.join("\u0004")));
    return sig;
  };
  const bySignature = (x: string, y: string): number =>
    compareStrings(signature(scope.methods.get(x)), signature(scope.methods.get(y))) || compareStrings(deepSig(x), deepSig(y));
  return {
    cards: (a, b) => bySignature(a.ref, b.ref),
    // Then before else, other values after; each group by content.
    branches: (a: StructureBranch, b: StructureBranch) =>
      Number(b.value === true) - Number(a.value === true) || bySignature(a.head, b.head),
    starts: (a, b) => startRank(a) - startRank(b) || bySignature(a.ref, b.ref),
    notes: true,
  };
}

/** Which start card is the trigger: flow starts, then event cards, then manual starts, then anything else. */
function startRank(card: RawCard): number {
  const k = methodKind(card.method);
  if (isKernel(k, "control", "callable") || isKernel(k, "http", "accept") || isKernel(k, "http", "delegated")) return 0;
  if (!k.kernel) return 1;
  if (isKernel(k, "control", "noop")) return 2;
  return 3;
}

/** Type and display name. */
function signature(m: unknown): string {
  return `${str(get(m, "address")) ?? ""}\u0000${displayName(m)}`;
}

/** Inputs (keys, constants with ids blanked) and where their wires come from (type + name + output key). */
function contentSignature(scope: RawScope, uuid: string, pack: PackContext): string {
  const m = scope.methods.get(uuid);
  const incoming = scope.incoming.get(uuid);
  const parts = sortedEntries(pack, getPath(m, "node", "model", "inputs", "data")).map((e) => {
    const value = get(e, "value");
    const data = get(value, "type") === "flo" ? null : scrubIds(get(value, "data"), pack.ids);
    const pins = (incoming?.get(str(get(e, "id")) ?? "") ?? []).map((p) => {
      const src = scope.methods.get(p.src);
      const out = get(getPath(src, "node", "model", "outputs", "data"), p.output);
      return `${signature(src)}.${str(get(out, "key")) ?? "?"}`;
    });
    return [str(get(e, "group")) ?? null, str(get(e, "key")) ?? null, data, pins.sort(compareStrings)];
  });
  return `${signature(m)}\u0001${canonicalJson(parts)}`;
}

function scrubIds(value: unknown, ids: Set<string>): unknown {
  if (typeof value === "string") return ids.has(value) ? "#" : value;
  if (Array.isArray(value)) return value.map((v) => scrubIds(v, ids));
  if (isObject(value)) return Object.entries(value).map(([k, v]) => [ids.has(k) ? "#" : k, scrubIds(v, ids)]);
  return value;
}

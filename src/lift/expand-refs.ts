/**
 * Refs of hidden object-expand cards. Okta names an expand card after its source card's uuid (FLOPACK.md §6.9),
 * which says nothing once ids are regenerated; lift gives it a ref from what it reads instead (`expand-<output
 * key>-<field paths>`, numbered per source in placing order), which lower gives back for `f.expand` and for a
 * generic card written with that name. Inline flows refer to cards by ref (`display.aliases`), so both must agree.
 */
import type { JsonObject } from "../ir/types.js";
import { isObject } from "../util/json.js";
import { slug } from "../util/names.js";

export const EXPAND_ADDRESS = "root:kernel:object:0.0.1:expand";

/** The uuid an expand card is named after, when it is a card of the flow. */
export function expandSource(card: JsonObject, uuids: ReadonlySet<string>): string | undefined {
  if (card.address !== EXPAND_ADDRESS) return undefined;
  const name = isObject(card.node) && isObject(card.node.data) ? card.node.data.name : undefined;
  return typeof name === "string" && uuids.has(name) ? name : undefined;
}

/** The ref base of an expand card reading `paths` (one per field) of the output with key `outputKey`. */
export function expandRefBase(outputKey: string, paths: ReadonlyArray<readonly string[]>): string {
  return slug(["expand", outputKey, ...paths.flat()].join(" "), "expand");
}

/** The field paths an expand card reads: `metadata.path` of each output group, in storage order. */
export function expandPaths(outputs: readonly JsonObject[]): string[][] {
  const seen = new Set<unknown>();
  const out: string[][] = [];
  for (const e of outputs) {
    if (seen.has(e.group)) continue;
    seen.add(e.group);
    const path = isObject(e.metadata) ? e.metadata.path : undefined;
    if (Array.isArray(path)) out.push(path.map(String));
  }
  return out;
}

/**
 * The expand cards of one source in the order they were added: Okta orders an expand card after each
 * earlier one of the same source (edges from it to them). Ties keep storage order; undefined on a cycle.
 */
export function placingOrder<T>(items: readonly T[], key: (t: T) => string, edges: Iterable<readonly [string, string]>): T[] | undefined {
  const keys = new Set(items.map(key));
  const after = new Map<string, Set<string>>();
  for (const [a, b] of edges) if (a !== b && keys.has(a) && keys.has(b)) (after.get(a) ?? after.set(a, new Set()).get(a)!).add(b);
  const placed = new Set<string>();
  const out: T[] = [];
  const left = [...items];
  while (left.length > 0) {
    const i = left.findIndex((x) => [...(after.get(key(x)) ?? [])].every((r) => placed.has(r)));
    if (i < 0) return undefined;
    const [x] = left.splice(i, 1);
    placed.add(key(x!));
    out.push(x!);
  }
  return out;
}

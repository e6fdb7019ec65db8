/**
 * The card's own name: the display name Okta gives a new connector action card, told apart from an author's rename
 * (a Custom API Action renamed "Delete Device"). Counted in exports, not cards (one export with ten renamed cards is
 * one author):
 *
 *   1. the name a strict majority of the exports showing the card's family (connector + action key, every
 *      version) show, and more of them than any other name;
 *   2. where no name decides (every export renamed it, or one export shows two names), the name that decides so
 *      for the same action key on the other connectors (customAPIAction → "Custom API Action");
 *   3. where neither decides, the name most exports of the family show (ties: the first in code-unit order).
 *
 * Only connector actions are named so: kernel functions, callables and start cards are looked up by name, and an
 * event card's name is its event's.
 */
import { compareStrings } from "../util/compare.js";
import { parseAddress } from "../shapes/address.js";

/** Name → the exports showing it. */
type Sightings = Map<string, Set<string>>;

export class CardNames {
  /** By family (`connector:actionKey`). */
  private readonly families = new Map<string, Sightings>();
  /** By action key, then connector. */
  private readonly actions = new Map<string, Map<string, Sightings>>();

  /** A connector action card `address` named `name` in export `exportId` (other addresses are ignored). */
  add(address: string, name: string, exportId: string): void {
    const parsed = parseAddress(address);
    if (parsed?.kind !== "connector") return;
    see(this.families, parsed.moduleKey, name, exportId);
    let byConnector = this.actions.get(parsed.key);
    if (!byConnector) this.actions.set(parsed.key, (byConnector = new Map()));
    see(byConnector, parsed.module, name, exportId);
  }

  /** The card's own name for a connector action's address; undefined for other addresses and unseen families. */
  ownName(address: string): string | undefined {
    const parsed = parseAddress(address);
    const family = parsed?.kind === "connector" ? this.families.get(parsed.moduleKey) : undefined;
    if (!parsed || !family) return undefined;
    const others: Sightings = new Map();
    for (const [connector, sightings] of this.actions.get(parsed.key) ?? [])
      if (connector !== parsed.module) for (const [name, exports] of sightings) for (const e of exports) seeName(others, name, e);
    return decisiveName(family) ?? decisiveName(others) ?? rankedNames(family)[0];
  }
}

function see(map: Map<string, Sightings>, id: string, name: string, exportId: string): void {
  let sightings = map.get(id);
  if (!sightings) map.set(id, (sightings = new Map()));
  seeName(sightings, name, exportId);
}

function seeName(sightings: Sightings, name: string, exportId: string): void {
  let exports = sightings.get(name);
  if (!exports) sightings.set(name, (exports = new Set()));
  exports.add(exportId);
}

/** Names by the exports showing them, most first (ties: code-unit order). */
function rankedNames(sightings: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...sightings].sort((a, b) => b[1].size - a[1].size || compareStrings(a[0], b[0])).map(([name]) => name);
}

/** The name shown by a strict majority of the exports and by more of them than any other name, if one is. */
export function decisiveName(sightings: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const exports = new Set<string>();
  for (const e of sightings.values()) for (const x of e) exports.add(x);
  const [first, second] = rankedNames(sightings);
  if (first === undefined) return undefined;
  const top = sightings.get(first)!.size;
  if (2 * top <= exports.size) return undefined;
  return second !== undefined && sightings.get(second)!.size === top ? undefined : first;
}

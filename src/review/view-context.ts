/**
 * The state of one view build, handed down instead of kept in modules: two views built in one process (`diff`
 * builds two) never share a name, a cache or an alias.
 */
import type { RawScope } from "./raw-scope.js";
import type { Card } from "./view-types.js";

/** What the build of one pack knows: names by id, every generated id, and what it computed once. */
export interface PackContext {
  /** Every generated id of the pack (blanked out of tie-break signatures). */
  ids: Set<string>;
  flowNames: Map<string, string>;
  tableNames: Map<string, string>;
  configNames: Map<string, string>;
  /** Wires from an alias (an inline flow's start card) read as the card it stands for. */
  aliases: Map<Card, Card>;
  /** The connection id of each card that has one (for the connections' `usedBy`). */
  connectionIds: Map<Card, string>;
  /** Entries in UI order, by the `data` object read. */
  sortedEntries: Map<object, unknown[]>;
  /** Output labels, by the sorted output list labelled. */
  outputLabels: Map<unknown[], Map<unknown, string>>;
}

export function newPackContext(ids: Set<string>): PackContext {
  return {
    ids,
    flowNames: new Map(),
    tableNames: new Map(),
    configNames: new Map(),
    aliases: new Map(),
    connectionIds: new Map(),
    sortedEntries: new Map(),
    outputLabels: new Map(),
  };
}

/** What the build of one flow collects: its cards in execution order, what is odd about it, what each card came from. */
export interface FlowContext {
  pack: PackContext;
  order: Card[];
  anomalies: string[];
  /** The raw method and scope of each walked card: its inputs are resolved once every card has its label. */
  sources: Map<Card, { method: unknown; scope: RawScope }>;
  /** The flow's start card, and whether the flow runs on a schedule: what Okta puts in its context depends on both. */
  trigger?: Card;
  scheduled?: boolean;
}

/** The card a wire from `card` reads as: the owning card for an inline flow's start card, else itself. */
export function canonicalCard(pack: PackContext, card: Card): Card {
  return pack.aliases.get(card) ?? card;
}

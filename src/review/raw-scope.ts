/**
 * One raw flow scope (a flow's `data`, or an inline flow) indexed for the view: its methods by uuid, the pins into
 * each card, its place among the scopes around it; and the same scope as lift's structure recovery reads it.
 */
import type { StructureCard, StructureScope } from "../lift/structure.js";
import { cardKindOf, type CardKind } from "./address.js";
import { arr, entries, get, getPath, str } from "./json.js";
import type { Card } from "./view-types.js";

export interface PinInto {
  src: string;
  output: string;
  transform: unknown;
}

export interface RawScope {
  methods: Map<string, unknown>;
  /** The view of each card, once made (hidden expand cards too, never shown). */
  views: Map<string, Card>;
  /** target uuid → input id → pins into it. */
  incoming: Map<string, Map<string, PinInto[]>>;
  /** The card whose inline flow this is, and its method; null at a flow's top level. */
  owner: Card | null;
  ownerMethod: unknown;
  parent: RawScope | null;
  rootUuid: string | null;
  /** The flow object (flo.data or an inline flow) this scope was built from. */
  data: unknown;
}

/** A raw method as the structure recovery reads it (`ref` is its uuid). */
export interface RawCard extends StructureCard {
  method: unknown;
}

export function indexRawScope(
  fd: unknown,
  parent: RawScope | null,
  owner: Card | null,
  ownerMethod: unknown,
  anomalies: string[],
): RawScope {
  const scope: RawScope = {
    methods: new Map(),
    views: new Map(),
    incoming: new Map(),
    owner,
    ownerMethod,
    parent,
    rootUuid: null,
    data: fd,
  };
  for (const m of arr(get(fd, "methods"))) {
    const uuid = str(get(m, "uuid"));
    if (uuid === undefined) {
      anomalies.push("a card without a uuid");
      continue;
    }
    if (scope.methods.has(uuid)) {
      anomalies.push("two cards share one uuid");
      continue;
    }
    scope.methods.set(uuid, m);
  }
  for (const [src, m] of scope.methods) {
    for (const [outputId, targets] of entries(get(m, "pins"))) {
      for (const [target, links] of entries(targets)) {
        for (const link of arr(links)) {
          const input = str(get(link, "input"));
          if (input === undefined) continue;
          let byInput = scope.incoming.get(target);
          if (!byInput) scope.incoming.set(target, (byInput = new Map()));
          let list = byInput.get(input);
          if (!list) byInput.set(input, (list = []));
          list.push({ src, output: outputId, transform: get(link, "transform") });
        }
      }
    }
  }
  return scope;
}

export const DANGLING_EDGE = "an ordering edge points at a card that does not exist";

/** The scope's cards and control edges for lift's structure recovery; an edge that is no pair of strings is an anomaly. */
export function structureScope(scope: RawScope, anomalies: string[]): StructureScope<RawCard> {
  const cards: RawCard[] = [];
  for (const [uuid, method] of scope.methods) {
    const branches = entries(get(method, "branches")).map(([head, value]) => ({ head, value }));
    cards.push({ ref: uuid, address: str(get(method, "address")) ?? "", branches, method });
  }
  const orderings: Array<[string, string]> = [];
  for (const [, edge] of entries(get(scope.data, "orderings"))) {
    const a = str(arr(edge)[0]);
    const b = str(arr(edge)[1]);
    if (a === undefined || b === undefined) anomalies.push(DANGLING_EDGE);
    else orderings.push([a, b]);
  }
  return { cards, orderings };
}

export function methodKind(m: unknown): CardKind {
  return cardKindOf(get(m, "address"));
}

export function displayName(m: unknown): string {
  return str(getPath(m, "node", "data", "name")) ?? str(getPath(m, "node", "model", "metadata", "name")) ?? "";
}

/**
 * Learning catalog entries from real exports: every card (inline flows included) is reduced to its template
 * (`templateOf`), grouped by (address, `variantOf(template)`), counted, and named: a connector action after the
 * card's own name (card-names.ts: not an author's rename), anything else after its most common display name. The
 * representative template of a group is chosen among the instances carrying that name, else among those of the
 * most common one (complete connector parents first, then the smallest canonical JSON), and carries the entry's
 * name (`node.data.name`, `model.metadata.name`), so the result does not depend on the order of files or cards.
 */
import type { Json, JsonObject } from "../util/json.js";
import { canonicalJson, cloneJson, isObject } from "../util/json.js";
import { isConnectorAddress } from "../shapes/address.js";
import { compareStrings } from "../util/compare.js";
import { compareEntries, MAX_SOURCES, optionsFromValues, type CatalogEntry } from "./entry.js";
import { templateOf, variantOf } from "./template.js";
import { forEachCard } from "./walk.js";
import { ContractLearner } from "./contract-learn.js";
import { CardNames } from "./card-names.js";

interface Group {
  address: string;
  variant: string;
  count: number;
  /** name → instance count and the preferred template seen with that name (see `better`). */
  names: Map<string, { count: number } & Candidate>;
  options: Map<string, Json[]>;
  sources: Set<string>;
}

export class CatalogLearner {
  private readonly groups = new Map<string, Group>();
  /** The variant of each card learned, for lift to reuse (hashing a card is most of learning's cost). */
  private readonly variants = new WeakMap<JsonObject, string>();
  /** The display names of connector actions (not events: an event card's name is its event's), by export. */
  private readonly names = new CardNames();
  /** Card contracts from the same observations (the built-in catalog learns them; import does not need them). */
  readonly contractLearner: ContractLearner | undefined;

  constructor(options: { contracts?: boolean } = {}) {
    this.contractLearner = options.contracts ? new ContractLearner() : undefined;
  }

  /** Learns every card of a parsed flopack; `source` names the file (e.g. `export.flopack`). */
  addFlopack(flopack: unknown, source: string): void {
    forEachCard(flopack, ({ card, flowName }) => this.addCard(card, `${source}#${flowName}`));
  }

  /** `source` is `"<export file>#<flow name>"`. */
  addCard(card: JsonObject, source: string): void {
    if (typeof card.address !== "string" || card.address === "") return;
    this.contractLearner?.addCard(card, source.includes("#") ? source.slice(0, source.indexOf("#")) : source);
    const template = templateOf(card);
    const variant = variantOf(template);
    this.variants.set(card, variant);
    const id = `${card.address}\u0000${variant}`;
    let group = this.groups.get(id);
    if (!group) {
      group = { address: card.address, variant, count: 0, names: new Map(), options: new Map(), sources: new Set() };
      this.groups.set(id, group);
    }
    group.count++;
    group.sources.add(source);
    const name = displayName(card);
    if (!isEventCard(card)) this.names.add(card.address, name, exportOf(source));
    const candidate: Candidate = { complete: hasParentIds(template), canonical: undefined, template };
    const seen = group.names.get(name);
    if (!seen) group.names.set(name, { count: 1, ...candidate });
    else {
      seen.count++;
      if (better(candidate, seen)) Object.assign(seen, candidate); // canonical included: never a stale one
    }
    for (const [key, value] of choiceOptions(card)) {
      const values = group.options.get(key) ?? [];
      values.push(value);
      group.options.set(key, values);
    }
  }

  /** The card's own name of a connector action's address (card-names.ts); undefined for other addresses. */
  ownName(address: string): string | undefined {
    return this.names.ownName(address);
  }

  /** The variant of a card object this learner saw (the same object: the pack must not change in between). */
  variantOfCard(card: JsonObject): string | undefined {
    return this.variants.get(card);
  }

  entries(): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const g of this.groups.values()) {
      const [common, seen] = [...g.names].sort((a, b) => b[1].count - a[1].count || compareStrings(a[0], b[0]))[0]!;
      const own = isEventCard(seen.template) ? undefined : this.names.ownName(g.address);
      const name = own ?? common;
      const best = g.names.get(name) ?? seen;
      out.push({
        address: g.address,
        variant: g.variant,
        name,
        options: optionsFromValues(g.options),
        count: g.count,
        sources: [...g.sources].sort(compareStrings).slice(0, MAX_SOURCES),
        template: g.names.has(name) ? best.template : named(best.template, name),
      });
    }
    return out.sort(compareEntries);
  }
}

/** Learns the entries of one flopack (inline flows included), sorted by address and variant. */
export function learnFromFlopack(flopack: JsonObject, source: string): CatalogEntry[] {
  const learner = new CatalogLearner();
  learner.addFlopack(flopack, source);
  return learner.entries();
}

/** A representative template; its canonical JSON is computed only when two of one name are compared. */
interface Candidate {
  complete: boolean;
  canonical: string | undefined;
  template: JsonObject;
}

/**
 * The preferred representative: one whose connector `parents.*.data.id` are present (most exports carry them;
 * cards copied into inline flows sometimes lack them), then the smallest canonical JSON.
 */
function better(a: Candidate, b: Candidate): boolean {
  if (a.complete !== b.complete) return a.complete;
  a.canonical ??= canonicalJson(a.template);
  b.canonical ??= canonicalJson(b.template);
  return a.canonical < b.canonical;
}

function hasParentIds(template: JsonObject): boolean {
  if (typeof template.address !== "string" || !isConnectorAddress(template.address)) return true;
  const parents = isObject(template.parents) ? template.parents : {};
  return ["version", "channel"].every((k) => {
    const p = parents[k];
    return isObject(p) && isObject(p.data) && p.data.id !== undefined;
  });
}

/** The export of a source `"<export file>#<flow name>"`. */
function exportOf(source: string): string {
  return source.includes("#") ? source.slice(0, source.indexOf("#")) : source;
}

/** A connector's event card (a flow's trigger): its name is its event's, not a connector action's. */
function isEventCard(card: JsonObject): boolean {
  const node = isObject(card.node) ? card.node : undefined;
  return node !== undefined && isObject(node.model) && node.model.webhook === true;
}

/** A copy of a template carrying `name` wherever it holds its card's name. */
function named(template: JsonObject, name: string): JsonObject {
  const out = cloneJson(template);
  const node = isObject(out.node) ? out.node : undefined;
  if (node && isObject(node.data) && "name" in node.data) node.data.name = name;
  const model = node && isObject(node.model) ? node.model : undefined;
  if (model && isObject(model.metadata) && "name" in model.metadata) model.metadata.name = name;
  return out;
}

function displayName(card: JsonObject): string {
  const node = isObject(card.node) ? card.node : undefined;
  const name = node && isObject(node.data) ? node.data.name : undefined;
  return typeof name === "string" ? name : "";
}

/**
 * The values of the card's options that offer a fixed list of choices (their values select a card variant),
 * as [key, value] pairs. Like `optionsOf`, only scalar values count.
 */
export function choiceOptions(card: JsonObject): Array<[string, Json]> {
  const node = isObject(card.node) ? card.node : {};
  const model = isObject(node.model) ? node.model : {};
  const inputs = isObject(model.inputs) && isObject(model.inputs.data) ? model.inputs.data : {};
  const out: Array<[string, Json]> = [];
  for (const id of Object.keys(inputs)) {
    const entry = inputs[id];
    if (!isObject(entry) || entry.flags !== "p" || typeof entry.key !== "string") continue;
    const choices = isObject(entry.metadata) ? entry.metadata.choices : undefined;
    if (!Array.isArray(choices) || choices.length === 0) continue;
    const value = isObject(entry.value) ? entry.value.data : undefined;
    if (value !== undefined && (value === null || typeof value !== "object")) out.push([entry.key, value]);
  }
  return out;
}

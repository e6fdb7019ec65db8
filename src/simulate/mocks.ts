/**
 * Mocks: what connector cards (and any card a test wants to fake) give back in a simulated run. Three kinds:
 * - by card: outputs for every card of one type (`office365admin.getLicenses`, any version), or a function of
 *   the card's inputs giving them;
 * - at the HTTP boundary: a response (status, headers, body) for the requests of Custom API Action and the HTTP
 *   cards that match a method and URL;
 * - automatic: outputs shaped from the card's output types and schemas, for smoke runs.
 * A mock's outputs are checked against the card's outputs: an unknown output or a value of the wrong type stops
 * the run with a message naming the mock, the output and what the card expects.
 */
import { factoryName, moduleBinding } from "../catalog/naming.js";
import { normName } from "../shapes/entries.js";
import { parseAddress } from "../shapes/address.js";
import { SimulationStop } from "./errors.js";
import type { OutputSlot } from "./plan.js";
import { readDate } from "./functions/dates.js";
import { isObj } from "./functions/values.js";
import { describeValue } from "./values.js";

export type MockOutputs = Readonly<Record<string, unknown>>;

/** What a card mock's function is told besides the card's inputs. */
export interface MockContext {
  /** The card's display name and its flow's name. */
  readonly card: string;
  readonly flow: string;
  /** How many times this mock ran before (0 the first time). */
  readonly call: number;
}

export interface CardMock {
  /**
   * The cards it answers for: `connector.action` (`office365admin.getLicenses`, the factory or the action key,
   * any case), `module:key` (`okta:readUser`, `date:now`), or a card address (its version is ignored).
   */
  readonly card: string;
  /** Outputs by output key, label, `group/key` or factory property name; or a function of the inputs. */
  readonly outputs: MockOutputs | ((inputs: Record<string, unknown>, context: MockContext) => MockOutputs);
}

export interface HttpRequest {
  readonly method: string;
  /** What the card calls: a Custom API Action's Relative URL, an HTTP card's URL (query parameters in `query`). */
  readonly url: string;
  readonly query: Record<string, unknown> | undefined;
  readonly headers: Record<string, unknown> | undefined;
  readonly body: unknown;
}

export interface HttpResponse {
  /** Default 200. 400 and above fail the card the way Okta's HTTP errors do. */
  readonly status?: number;
  readonly headers?: Record<string, unknown>;
  readonly body?: unknown;
}

export interface HttpMock {
  /** GET, POST, ... (any case); any method when left out. */
  readonly method?: string;
  /** The URL: equal to the request's (its query string aside), a prefix when it ends in `*`, or a RegExp. */
  readonly url: string | RegExp;
  readonly response: HttpResponse | ((request: HttpRequest) => HttpResponse);
}

export interface Mocks {
  readonly cards?: readonly CardMock[];
  readonly http?: readonly HttpMock[];
  /** Outputs shaped from the card's output types for every connector card nothing else mocks. */
  readonly auto?: boolean;
}

/** A card type's identity for mocks: `module.action`, the action key normalised (case, punctuation, builder suffix). */
export function mockIdentity(moduleName: string, action: string): string[] {
  const plain = normName(action);
  const stripped = normName(factoryName(action, true));
  return plain === stripped ? [`${moduleName}.${plain}`] : [`${moduleName}.${plain}`, `${moduleName}.${stripped}`];
}

/** The identities a mock's `card` names (one, or none when it names nothing a card can be). */
export function mockTarget(card: string): string | undefined {
  const a = parseAddress(card);
  if (a) return `${a.module}.${normName(a.key)}`;
  const m = /^([^.:]+)[.:](.+)$/.exec(card.trim());
  return m ? `${m[1]}.${normName(m[2]!)}` : undefined;
}

/** How a test names a card type in mocks: `connector.factoryName` (`office365admin.customApiAction`). */
export function mockName(moduleName: string, action: string): string {
  return `${moduleBinding(moduleName)}.${factoryName(action, true)}`;
}

export class MockRegistry {
  private readonly byTarget = new Map<string, CardMock>();
  /** The answer of `cardMock` by card type (`module:key`): computed once per type. */
  private readonly byType = new Map<string, CardMock | null>();
  private readonly counts = new Map<CardMock, number>();
  readonly http: readonly HttpMock[];
  readonly auto: boolean;

  constructor(mocks: Mocks = {}) {
    for (const m of mocks.cards ?? []) {
      const target = typeof m.card === "string" ? mockTarget(m.card) : undefined;
      if (target === undefined)
        throw new SimulationStop(
          "bad-mock",
          `mock ${JSON.stringify(m.card)}: not a card name (expected "connector.action", "module:key" or a card address)`,
        );
      this.byTarget.set(target, m);
    }
    for (const h of mocks.http ?? []) {
      if (typeof h.url !== "string" && !(h.url instanceof RegExp))
        throw new SimulationStop("bad-mock", `HTTP mock: "url" must be a text or a RegExp`);
    }
    this.http = mocks.http ?? [];
    this.auto = mocks.auto === true;
  }

  /** The card mock answering for a card type, if any. */
  cardMock(moduleName: string, action: string): CardMock | undefined {
    if (this.byTarget.size === 0) return undefined;
    const type = `${moduleName}:${action}`;
    let found = this.byType.get(type);
    if (found === undefined) {
      found = null;
      for (const id of mockIdentity(moduleName, action)) found ??= this.byTarget.get(id) ?? null;
      this.byType.set(type, found);
    }
    return found ?? undefined;
  }

  /** Counts a mock's use; returns how many times it ran before. */
  use(mock: CardMock): number {
    const n = this.counts.get(mock) ?? 0;
    this.counts.set(mock, n + 1);
    return n;
  }

  httpMock(request: HttpRequest): HttpMock | undefined {
    return this.http.find(
      (h) => (h.method === undefined || h.method.toUpperCase() === request.method.toUpperCase()) && urlMatches(h.url, request.url),
    );
  }
}

function urlMatches(pattern: string | RegExp, url: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(url);
  const path = url.split("?")[0]!;
  if (pattern.endsWith("*")) return url.startsWith(pattern.slice(0, -1));
  return pattern.includes("?") ? pattern === url : pattern === path || pattern === url;
}

/**
 * A mock's outputs as the card's output values (in slot order), checked: every key names one output, every
 * value fits its output's type. `source` names the mock in messages.
 */
export function mockedOutputs(outputs: readonly OutputSlot[], given: unknown, source: string, at?: SimulationStop["at"]): unknown[] {
  const stop = (message: string): SimulationStop => new SimulationStop("bad-mock", message, at);
  if (!isObj(given)) throw stop(`${source} must return an object of outputs, got ${describeValue(given)}`);
  const values: unknown[] = new Array<unknown>(outputs.length).fill(undefined);
  for (const key of Object.keys(given)) {
    if (key === "$records" || key === "$error") continue; // streaming cards' records; a failure the card gives
    const i = outputIndex(outputs, key);
    if (i === -1) {
      const known = outputs.filter((o) => !o.hidden).map((o) => JSON.stringify(o.key));
      throw stop(`${source}: the card has no output ${JSON.stringify(key)} (its outputs: ${known.join(", ") || "none"})`);
    }
    if (i === -2) throw stop(`${source}: ${JSON.stringify(key)} names several outputs; write "group/key"`);
    const problem = typeProblem(given[key], outputs[i]!);
    if (problem) throw stop(`${source}: output ${JSON.stringify(outputs[i]!.key)} ${problem}`);
    values[i] = given[key];
  }
  return values;
}

/** The output a mock's key names: exact key, label, "group/key", then a unique match ignoring case and punctuation. -1 none, -2 several. */
function outputIndex(outputs: readonly OutputSlot[], key: string): number {
  const unique = (pred: (o: OutputSlot) => boolean): number => {
    const found = outputs.flatMap((o, i) => (pred(o) ? [i] : []));
    return found.length === 1 ? found[0]! : found.length > 1 ? -2 : -1;
  };
  for (const pred of [
    (o: OutputSlot) => `${o.group ?? ""}/${o.key}` === key,
    (o: OutputSlot) => o.key === key,
    (o: OutputSlot) => o.label === key,
    (o: OutputSlot) => normName(o.key) === normName(key),
  ]) {
    const i = unique(pred);
    if (i !== -1) return i;
  }
  return -1;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  boolean: "true/false",
  Date: "a date (ISO 8601 text)",
  object: "an object",
  file: "a file",
};

const LIST_NAMES: Readonly<Record<string, string>> = {
  string: "texts",
  number: "numbers",
  boolean: "true/false values",
  Date: "dates",
  object: "objects",
  file: "files",
};

/** Why a value does not fit an output (its type, list or not), or undefined when it fits; null always fits. */
export function typeProblem(value: unknown, slot: { type: string; collection: boolean }): string | undefined {
  if (value === null || value === undefined) return undefined;
  const expected = slot.collection ? `a list of ${LIST_NAMES[slot.type] ?? slot.type}` : (TYPE_NAMES[slot.type] ?? slot.type);
  if (slot.collection) {
    if (!Array.isArray(value)) return `must be ${expected}, got ${describeValue(value)}`;
    const bad = value.findIndex((v) => !fits(v, slot.type));
    return bad === -1 ? undefined : `must be ${expected}; item ${bad} is ${describeValue(value[bad])}`;
  }
  return fits(value, slot.type) ? undefined : `must be ${expected}, got ${describeValue(value)}`;
}

function fits(value: unknown, type: string): boolean {
  if (value === null) return true;
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "Date":
      return typeof value === "string" && readDate(value) !== undefined;
    case "object":
    case "file":
      return isObj(value);
    default:
      return true;
  }
}

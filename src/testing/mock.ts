/**
 * Mocks as a test writes them:
 *   mock(office365admin.getLicenses, { licenses: [...] })
 *   mock(okta.readUser, (inputs) => ({ id: "00u1", status: inputs.idOrLogin === "jane" ? "ACTIVE" : "SUSPENDED" }))
 *   httpMock("GET", "/Me", { status: 200, body: { displayName: "Admin" } })
 * A card mock answers for every card of the factory's type (any connector version), with the factory's
 * property names for inputs and outputs (what its Props and Outputs types say); Okta's field keys work too.
 * `fail(message, code)` inside a mock function makes the card fail as the real one would.
 */
import { factoryMeta, type CardFactory, type FactoryMeta } from "../dsl/define-card.js";
import type { CardSpec } from "../dsl/types.js";
import { CardFailure } from "../simulate/card-function.js";
import type { CardMock, HttpMock, HttpRequest, HttpResponse, MockContext } from "../simulate/mocks.js";
import { parseAddress } from "../shapes/address.js";

/** A value with every object field optional, at any depth (a mock gives the fields a test needs). */
export type DeepPartial<T> =
  T extends ReadonlyArray<infer I>
    ? ReadonlyArray<DeepPartial<I>>
    : T extends object
      ? { readonly [K in keyof T]?: DeepPartial<T[K]> | null }
      : T;

/** The outputs a mock gives: the factory's output properties (or Okta's output keys), each optional. */
export type MockedOutputsOf<O> = { readonly [K in keyof O]?: DeepPartial<O[K]> | null } & Readonly<Record<string, unknown>>;

type AnyFactory = CardFactory<never, unknown> | ((props?: never) => unknown);

/** Props and Outputs of a factory, read from its type. */
type OutputsOf<F> = F extends (...args: never[]) => CardSpec<infer O> ? O : Record<string, unknown>;
type PropsOf<F> = F extends (props: infer P) => unknown ? NonNullable<P> : Record<string, unknown>;

export interface TestCardMock extends CardMock {
  readonly kind: "card";
}

export interface TestHttpMock extends HttpMock {
  readonly kind: "http";
}

export type TestMock = TestCardMock | TestHttpMock;

/** Mocks every card of one type: by its factory (`okta.readUser`) or by name (`"okta.readUser"`, `"date:now"`). */
export function mock<F extends AnyFactory>(
  card: F | string,
  outputs:
    | MockedOutputsOf<OutputsOf<F>>
    | ((
        inputs: Partial<Record<keyof PropsOf<F>, unknown>> & Record<string, unknown>,
        context: MockContext,
      ) => MockedOutputsOf<OutputsOf<F>>),
): TestCardMock {
  if (typeof card === "string") return { kind: "card", card, outputs: outputs as CardMock["outputs"] };
  const meta = factoryMeta(card);
  if (!meta)
    throw new TypeError(
      'mock(card, outputs): card must be a card factory from flocode/cards (e.g. okta.readUser) or a name ("okta.readUser")',
    );
  const address = parseAddress(meta.address);
  const name = address ? `${address.module}:${address.key}` : meta.address;
  if (typeof outputs !== "function") return { kind: "card", card: name, outputs: toKeys(meta, outputs as Record<string, unknown>) };
  const fn = outputs as (inputs: Record<string, unknown>, context: MockContext) => Record<string, unknown>;
  return { kind: "card", card: name, outputs: (inputs, context) => toKeys(meta, fn(toProps(meta, inputs), context)) };
}

/** Answers HTTP requests of Custom API Action and the HTTP cards: method (or "*") and URL (exact, `prefix*` or RegExp). */
export function httpMock(
  method: string,
  url: string | RegExp,
  response: HttpResponse | ((request: HttpRequest) => HttpResponse),
): TestHttpMock {
  return method === "*" ? { kind: "http", url, response } : { kind: "http", method, url, response };
}

/** Inside a mock function: makes the card fail the way Okta's card would (404 not found, 429 rate limited...). */
export function fail(message: string, code = 400): never {
  throw new CardFailure(message, code);
}

/** Output properties → Okta's "group/key" (unknown names pass as they are: Okta keys, labels). */
function toKeys(meta: FactoryMeta, outputs: unknown): Record<string, unknown> {
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) return outputs as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(outputs)) {
    const o = meta.outputs.find(([prop]) => prop === name);
    const key = o ? `${o[1] ?? ""}/${o[2]}` : name;
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Okta's input keys → the factory's properties (fields it does not know stay under their keys). */
function toProps(meta: FactoryMeta, inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...inputs };
  for (const [prop, key] of meta.inputs) {
    const slash = key.lastIndexOf("/");
    const value = Object.hasOwn(inputs, key)
      ? inputs[key]
      : slash >= 0 && Object.hasOwn(inputs, key.slice(slash + 1))
        ? inputs[key.slice(slash + 1)]
        : undefined;
    Object.defineProperty(out, prop, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

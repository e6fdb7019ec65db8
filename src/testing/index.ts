/**
 * flocode/testing: run flows on your own machine, connectors mocked, in any test runner (vitest, node:test...)
 * with no setup.
 *
 *   import { simulate, mock, httpMock } from "flocode/testing";
 *   import keepalive from "../flows/m365-keepalive.flow.js";
 *
 *   const run = await simulate(keepalive, {
 *     mocks: [mock(office365admin.getLicenses, { licenses: [] }), httpMock("GET", "/Me", { body: { id: "1" } })],
 *   });
 *   expect(run.error).toBeUndefined();
 *   expect(run.calls.map((c) => c.card)).toEqual(["Get Licenses", "Custom API Action"]);
 */
import type { Catalog } from "../catalog/store.js";
import { simulatePack, type SimulateOptions, type SimulationResult } from "../simulate/simulate.js";
import type { Mocks } from "../simulate/mocks.js";
import { loadSource, type FlowSource } from "./load.js";
import type { TestCardMock, TestHttpMock, TestMock } from "./mock.js";

export { mock, httpMock, fail, type TestMock, type TestCardMock, type TestHttpMock, type MockedOutputsOf } from "./mock.js";
export { CardFailure } from "../simulate/card-function.js";
export type { FlowSource } from "./load.js";
export type { SimulationResult, SimulationError, RunStatus } from "../simulate/simulate.js";
export type { TraceEntry, MockedCall, CardStatus } from "../simulate/trace.js";
export type { HttpRequest, HttpResponse, MockContext, CardMock, HttpMock, Mocks } from "../simulate/mocks.js";
export type { OktaError } from "../simulate/errors.js";
export type { TableSeed } from "../simulate/tables.js";
export { formatHistory } from "../simulate/history.js";

export interface SimulateTestOptions extends Omit<SimulateOptions, "mocks"> {
  /** Card and HTTP mocks (`mock(...)`, `httpMock(...)`), or a mocks object `{ cards, http, auto }`. */
  mocks?: readonly TestMock[] | Mocks;
  /** Automatic mocks for every connector card no mock answers (smoke runs). */
  auto?: boolean;
  /** The card catalog (default: the built-in one plus the project's flocode.catalog.json). */
  catalog?: Catalog;
}

/**
 * Runs a flow from its trigger and resolves to `{ outputs, trace, calls, tables, error, status, warnings }`.
 * `source`: a flow or pack (the default export of a flow file), a path (`.flow.ts`, `.flopack`, an export), or a
 * parsed flopack; `options.flow` picks the flow of a pack.
 */
export async function simulate(source: FlowSource, options: SimulateTestOptions = {}): Promise<SimulationResult> {
  const input = await loadSource(source, options.catalog ? { catalog: options.catalog } : {});
  const { mocks, auto, catalog: _catalog, ...rest } = options;
  void _catalog;
  return simulatePack(input, { ...rest, mocks: toMocks(mocks, auto) });
}

function toMocks(mocks: SimulateTestOptions["mocks"], auto: boolean | undefined): Mocks {
  if (mocks === undefined) return { auto: auto === true };
  if (!Array.isArray(mocks)) {
    const m = mocks as Mocks;
    return { ...m, auto: auto ?? m.auto ?? false };
  }
  const list = mocks as readonly TestMock[];
  const cards = list.filter((m): m is TestCardMock => m.kind === "card");
  const http = list.filter((m): m is TestHttpMock => m.kind === "http");
  const unknown = list.find((m) => m === null || typeof m !== "object" || (m.kind !== "card" && m.kind !== "http"));
  if (unknown !== undefined) throw new TypeError("simulate: mocks must be made by mock(...) or httpMock(...)");
  return { cards, http, auto: auto === true };
}

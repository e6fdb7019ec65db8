/**
 * Cards that talk to the outside: connector cards (Okta, Office 365, Slack... and every Custom API Action) get
 * their outputs from the test's mocks, in this order: a mock of the card type, an HTTP mock answering the card's
 * request (HTTP cards only), automatic outputs (when on). A connector card nothing answers stops the run with a
 * message naming the card, its flow and the mock to write. Function cards may be mocked by card too; otherwise
 * the library runs them. Every mocked call is recorded in `calls`.
 */
import { propertyName } from "../catalog/naming.js";
import { autoOutputs } from "./auto-mock.js";
import { CardFailure } from "./card-function.js";
import { FlowFailure, SimulationStop } from "./errors.js";
import { isStreaming, streamRecords } from "./helper-calls.js";
import { httpOutputs, httpRequest, isHttpCard } from "./http.js";
import type { Frame, Interpreter } from "./interpreter.js";
import { mockedOutputs, mockName, type CardMock, type HttpRequest, type HttpResponse } from "./mocks.js";
import type { CardPlan } from "./plan.js";
import { labelled, type MockedCall, type CardRun } from "./trace.js";
import { isObj } from "./functions/values.js";
import { copyValue, describeValue } from "./values.js";

function actionOf(card: CardPlan): { module: string; action: string } {
  const colon = card.moduleKey.indexOf(":");
  return { module: card.moduleKey.slice(0, colon), action: card.moduleKey.slice(colon + 1) };
}

/** A function card: a card mock when the test gives one, else the library. */
export function runMockableFunction(
  interp: Interpreter,
  card: CardPlan,
  frame: Frame,
  inputs: readonly unknown[],
  entry: CardRun,
): unknown[] {
  const { module, action } = actionOf(card);
  const mock = interp.state.setup.mocks.cardMock(module, action);
  if (mock) return fromCardMock(interp, card, frame, inputs, entry, mock).outputs;
  return interp.callLibrary(card, frame, inputs);
}

export function runConnector(interp: Interpreter, card: CardPlan, frame: Frame, inputs: readonly unknown[], entry: CardRun): unknown[] {
  const { module, action } = actionOf(card);
  const mocks = interp.state.setup.mocks;
  const mock = mocks.cardMock(module, action);
  if (mock) {
    const { outputs, records } = fromCardMock(interp, card, frame, inputs, entry, mock);
    return stream(interp, card, frame, inputs, outputs, records ?? []);
  }
  const http = isHttpCard(card) ? httpRequest(card, inputs) : undefined;
  const httpMock = http ? mocks.httpMock(http) : undefined;
  if (http && httpMock) {
    const source = `the HTTP mock of ${http.method} ${http.url}`;
    const answer = httpMock.response;
    const response = typeof answer === "function" ? guarded(card, frame, source, () => answer(copyValue(http))) : answer;
    if (!isObj(response))
      throw new SimulationStop(
        "bad-mock",
        `the HTTP mock of ${http.method} ${http.url} must give a response object ({ status, headers, body }), got ${describeValue(response)}`,
      );
    entry.mock = "http";
    const call = record(interp, card, frame, "http", inputs, undefined, { request: http, response });
    const outputs = httpOutputs(card, copyValue(response));
    call.outputs = labelled(card.keys.outputs, outputs);
    return outputs;
  }
  if (mocks.auto) {
    entry.mock = "auto";
    const outputs = http ? httpOutputs(card, { status: 200, headers: {}, body: {} }) : autoOutputs(card.outputs, interp.state.nowIso());
    // A streaming card streams one record (an empty object) to its helper flow, so that the helper runs too.
    if (isStreaming(card)) stream(interp, card, frame, inputs, outputs, [{}]);
    record(
      interp,
      card,
      frame,
      "auto",
      inputs,
      outputs,
      http ? { request: http, response: { status: 200, headers: {}, body: {} } } : undefined,
    );
    return outputs;
  }
  throw new SimulationStop("not-mocked", notMockedMessage(card, frame, http), {
    card: card.name,
    flow: frame.plan.flow.name,
    type: card.moduleKey,
  });
}

function fromCardMock(
  interp: Interpreter,
  card: CardPlan,
  frame: Frame,
  inputs: readonly unknown[],
  entry: CardRun,
  mock: CardMock,
): { outputs: unknown[]; records: unknown[] | undefined } {
  const { module, action } = actionOf(card);
  const source = `the mock of ${mockName(module, action)} (card "${card.name}" in flow "${frame.plan.flow.name}")`;
  let given: unknown;
  const answer = mock.outputs;
  if (typeof answer === "function") {
    const use = interp.state.setup.mocks.use(mock);
    given = guarded(card, frame, source, () =>
      answer(mockInputs(card, inputs), { card: card.name, flow: frame.plan.flow.name, call: use }),
    );
  } else given = answer;
  given = copyValue(given);
  if (isObj(given) && given.$error !== undefined) {
    entry.mock = "card";
    record(interp, card, frame, "card", inputs, undefined);
    const e = isObj(given.$error) ? given.$error : { message: given.$error };
    throw new FlowFailure(String(e.message ?? "Error"), typeof e.code === "number" ? e.code : 400);
  }
  const outputs = mockedOutputs(card.outputs, given, source, { card: card.name, flow: frame.plan.flow.name, type: card.moduleKey });
  const records = isObj(given) && Array.isArray(given.$records) ? given.$records : undefined;
  entry.mock = "card";
  record(interp, card, frame, "card", inputs, outputs);
  return { outputs, records };
}

/**
 * Runs a mock's function: a CardFailure it throws (`fail(...)`) fails the card as Okta's would; anything else it
 * throws is the test's bug and stops the run, naming the mock.
 */
function guarded<T>(card: CardPlan, frame: Frame, source: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CardFailure || error instanceof FlowFailure || error instanceof SimulationStop) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new SimulationStop("bad-mock", `${source} threw: ${message}`, {
      card: card.name,
      flow: frame.plan.flow.name,
      type: card.moduleKey,
    });
  }
}

/** A streaming card's records go to its helper flow; "Records Streamed" counts them unless the mock says. */
function stream(
  interp: Interpreter,
  card: CardPlan,
  frame: Frame,
  inputs: readonly unknown[],
  outputs: unknown[],
  records: readonly unknown[],
): unknown[] {
  if (!isStreaming(card)) return outputs;
  streamRecords(interp, card, frame, inputs, records);
  return outputs.map((v, i) => (v === undefined && card.outputs[i]!.key === "Records Streamed" ? records.length : v));
}

/** A card's inputs for a mock function: by field key, "group/key" where two fields share a key. */
export function mockInputs(card: CardPlan, inputs: readonly unknown[]): Record<string, unknown> {
  const count = new Map<string, number>();
  for (const s of card.inputs) count.set(s.key, (count.get(s.key) ?? 0) + 1);
  const out: Record<string, unknown> = {};
  card.inputs.forEach((s, i) => {
    if (s.hidden || s.wormhole) return;
    const key = (count.get(s.key) ?? 0) > 1 && s.group !== null ? `${s.group}/${s.key}` : s.key;
    Object.defineProperty(out, key, { value: copyValue(inputs[i]), enumerable: true, writable: true, configurable: true });
  });
  return out;
}

function record(
  interp: Interpreter,
  card: CardPlan,
  frame: Frame,
  mock: MockedCall["mock"],
  inputs: readonly unknown[],
  outputs: readonly unknown[] | undefined,
  http?: { request: HttpRequest; response: HttpResponse },
): MockedCall {
  const keys = card.keys;
  const call: MockedCall = {
    flow: frame.plan.flow.name,
    card: card.name,
    type: card.moduleKey,
    path: [...frame.path],
    mock,
    inputs: labelled(keys.inputs, inputs),
    outputs: outputs ? labelled(keys.outputs, outputs) : {},
  };
  if (http) {
    const r = http.request;
    call.request = { method: r.method, url: r.url };
    if (r.query !== undefined) call.request.query = r.query;
    if (r.headers !== undefined) call.request.headers = r.headers;
    if (r.body !== undefined) call.request.body = r.body;
    call.response = { status: http.response.status ?? 200, headers: http.response.headers ?? {}, body: http.response.body ?? null };
  }
  interp.state.calls.push(call);
  return call;
}

function notMockedMessage(card: CardPlan, frame: Frame, http: HttpRequest | undefined): string {
  const { module, action } = actionOf(card);
  const name = mockName(module, action);
  const first = card.outputs.find((o) => !o.hidden);
  const example = first ? `{ ${propertyName(first.key)}: ... }` : "{}";
  const ways = [
    `in a test with mock(${name}, (inputs) => (${example}))`,
    `in a --mocks file with { "cards": { "${name}": ${first ? `{ "${first.key}": ... }` : "{}"} } }`,
  ];
  if (http)
    ways.push(`with an HTTP mock of ${http.method} ${JSON.stringify(http.url.split("?")[0])} (httpMock(...), or "http" in a --mocks file)`);
  ways.push("or with automatic mocks (auto: true, --auto-mocks)");
  return `card "${card.name}" (${card.moduleKey}) in flow "${frame.plan.flow.name}" has no mock: mock it ${ways.join(", ")}`;
}

/**
 * The two ways a simulated run goes wrong:
 * - a `FlowFailure` is what Okta would do: a card fails (a connector returns 404, Return Error, a value that
 *   cannot be converted). If Error blocks and per-card error policies handle it; unhandled, the flow fails.
 * - a `SimulationStop` is the simulator's own limit or a test set-up problem (a card not simulated yet, a
 *   connector card without a mock, a mock of the wrong shape, bad input): nothing in the flow can handle it;
 *   the run stops at once with a message that says what to do.
 */

/** Okta's error object, as If Error blocks and error helper flows receive it (`context.error`). */
export interface OktaError {
  message: string;
  /** An HTTP-like status: 400 invalid input, 404 not found, 429 rate limited, 500 server error... */
  code: number;
  /** The step that failed (in Okta its card id; here the card's ref, stable across runs). */
  method: string;
  /** The flow (in Okta its id; here the flow's ref). */
  flo: string;
  /** The execution of the flow the error happened in. */
  execution: string;
}

export class FlowFailure extends Error {
  /** Filled in by the card that fails (the first one to see the failure). */
  error: OktaError | undefined;
  /** The failing card's display name, its flow's name and its type (for messages). */
  at: { card: string; flow: string; type: string } | undefined;
  constructor(
    message: string,
    readonly code: number = 400,
  ) {
    super(message);
    this.name = "FlowFailure";
  }
}

export type StopKind =
  /** A function card the simulator does not run yet. */
  | "not-simulated"
  /** A connector card with no mock (and automatic mocks off). */
  | "not-mocked"
  /** A mock that returns an unknown output or a value of the wrong type. */
  | "bad-mock"
  /** Input the flow's start card cannot take, a missing helper flow, a flow the simulator cannot walk. */
  | "invalid"
  /** A card function of the simulator failed in a way Okta's card would not (a simulator bug). */
  | "internal";

export class SimulationStop extends Error {
  constructor(
    readonly kind: StopKind,
    message: string,
    /** Where: the card's display name and its flow's name, when the stop is at a card. */
    readonly at?: { card: string; flow: string; type: string },
  ) {
    super(message);
    this.name = "SimulationStop";
  }
}

/**
 * The state of one simulated run: the pack's flows and their prepared scopes, the virtual clock and the seeded
 * randomness (so that a run gives the same trace on any machine, time zone and locale), the in-memory tables,
 * the mocks, and what the run records (trace, mocked calls, warnings).
 */
import type { IrFlow, IrPack, IrScope } from "../ir/types.js";
import type { CardEnvironment, CardLibrary, TableStore } from "./card-function.js";
import type { SimFlags } from "./convert.js";
import { SimulationStop } from "./errors.js";
import { isoDate } from "./functions/dates.js";
import type { MockRegistry } from "./mocks.js";
import { planScope, type ScopePlan, type TemplateLookup } from "./plan.js";
import type { CardRun, MockedCall } from "./trace.js";
import { seededRandom } from "../util/random.js";

/** The virtual clock's start when a test gives none: 2025-01-01T00:00:00.000Z. */
export const DEFAULT_START = Date.UTC(2025, 0, 1);
/** Card runs a simulation may take before it stops (a loop that never ends, a helper that calls itself). */
export const DEFAULT_MAX_CARDS = 1_000_000;
/** Nested helper-flow calls and inline blocks before the run stops. */
export const MAX_DEPTH = 200;

export interface RunSetup {
  readonly pack: IrPack;
  readonly templates: TemplateLookup;
  readonly flags: SimFlags;
  readonly library: CardLibrary;
  readonly mocks: MockRegistry;
  readonly tables: TableStore;
  /** Virtual clock start, ms since the epoch (UTC). */
  readonly start: number;
  readonly seed: number;
  readonly maxCards: number;
  /** Prepared scopes, shared by the runs of one pack (plans depend on the pack, templates and flags only). */
  readonly plans: WeakMap<IrScope, ScopePlan>;
}

export class RunState {
  /** Every card run, in order (the result's `trace` is built from them). */
  readonly trace: CardRun[] = [];
  readonly calls: MockedCall[] = [];
  readonly warnings: string[] = [];
  readonly env: CardEnvironment;
  /** An API endpoint's response once a Close card sent it (the flow may go on). */
  response: Record<string, unknown> | undefined;
  private clock: number;
  private isoAt = Number.NaN;
  private iso = "";
  private cardsRun = 0;
  private executions = 0;
  private readonly flows = new Map<string, IrFlow>();
  /** Flows the pack calls but holds only as stubs (kept elsewhere), by ref: their names. */
  private readonly externals = new Map<string, string>();

  constructor(readonly setup: RunSetup) {
    this.clock = setup.start;
    const random = seededRandom(setup.seed);
    this.env = { now: () => this.clock, random, tables: setup.tables };
    for (const f of setup.pack.flows) this.flows.set(f.ref, f);
    for (const x of setup.pack.externalFlows ?? []) this.externals.set(x.ref, x.name);
  }

  get now(): number {
    return this.clock;
  }

  nowIso(): string {
    if (this.isoAt !== this.clock) {
      this.isoAt = this.clock;
      this.iso = isoDate(this.clock);
    }
    return this.iso;
  }

  advance(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.clock += ms;
  }

  /** Sets the clock (concurrent loop items each start at their batch's time). */
  setClock(ms: number): void {
    this.clock = ms;
  }

  flow(ref: string): IrFlow | undefined {
    return this.flows.get(ref);
  }

  /** The name of a flow the pack holds only as a stub, or undefined. */
  externalFlow(ref: string): string | undefined {
    return this.externals.get(ref);
  }

  /** A scope prepared for running (once per scope, for every run of the same pack and flags). */
  plan(flow: IrFlow, scope: IrScope): ScopePlan {
    let plan = this.setup.plans.get(scope);
    if (!plan) {
      plan = planScope(flow, scope, this.setup.templates, this.setup.flags);
      this.setup.plans.set(scope, plan);
    }
    return plan;
  }

  /** A fresh execution id for a flow run (Okta's `execution_id`); deterministic. */
  nextExecution(): string {
    this.executions++;
    return `execution-${this.executions}`;
  }

  /** Counts a card run; stops a run that never ends. */
  count(): void {
    if (++this.cardsRun > this.setup.maxCards) {
      throw new SimulationStop(
        "invalid",
        `the run went over ${this.setup.maxCards.toLocaleString("en-US")} card runs: a loop or a helper flow that never ends? (raise maxCards if the flow is meant to)`,
      );
    }
  }

  get cardCount(): number {
    return this.cardsRun;
  }
}

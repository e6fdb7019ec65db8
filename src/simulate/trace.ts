/**
 * What a simulated run records, the way Okta's Execution History shows a run: every card that ran, in order,
 * with its inputs and outputs by field label (hidden fields such as wormholes left out, empty fields left out),
 * and every mocked call. Helper flows, inline blocks and loop iterations are listed where they run, their
 * `path` saying where they sit (`["For Each #2", "Log One Group"]`).
 */
import type { CardPlan, InputSlot, OutputSlot } from "./plan.js";

/** ok; failed (Okta's card fails); retried (failed with 429, ran again); stopped (the simulation stopped here). */
export type CardStatus = "ok" | "failed" | "retried" | "stopped";

export interface TraceEntry {
  /** The flow the card belongs to (its name). */
  flow: string;
  /** The card's display name. */
  card: string;
  /** The card's ref in its flow (unique, stable): what error objects name as `method`. */
  ref: string;
  /** The card type, `module:key` (`string:concat`, `office365admin:getLicenses`). */
  type: string;
  /** Where the card ran: the enclosing calls, blocks and iterations (empty at the top of the flow). */
  path: string[];
  /** The virtual time the card started at (ISO 8601, UTC). */
  at: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  status: CardStatus;
  error?: { message: string; code: number };
  /** How a mocked card got its outputs. */
  mock?: "card" | "http" | "auto";
  /** A note the run adds (a Continue If that stopped, a policy applied, a helper flow given no item). */
  note?: string;
}

/**
 * A card run as the interpreter records it: the values as arrays in field order. The result's `trace` is built
 * from these when a test first reads it (labels are looked up then), so a run pays for labelling only if read.
 */
export interface CardRun {
  readonly plan: CardPlan;
  readonly flow: string;
  readonly path: string[];
  readonly at: string;
  inputs: readonly unknown[] | undefined;
  outputs: readonly unknown[] | undefined;
  status: CardStatus;
  error?: { message: string; code: number };
  mock?: "card" | "http" | "auto";
  note?: string;
}

export function traceEntry(run: CardRun): TraceEntry {
  const card = run.plan;
  const entry: TraceEntry = {
    flow: run.flow,
    card: card.name,
    ref: card.card.ref,
    type: card.moduleKey,
    path: [...run.path],
    at: run.at,
    inputs: labelled(card.keys.inputs, run.inputs),
    outputs: labelled(card.keys.outputs, run.outputs),
    status: run.status,
  };
  if (run.error) entry.error = run.error;
  if (run.mock) entry.mock = run.mock;
  if (run.note) entry.note = run.note;
  return entry;
}

export interface MockedCall {
  flow: string;
  card: string;
  type: string;
  path: string[];
  mock: "card" | "http" | "auto";
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** HTTP cards: the request the card made and the response it got. */
  request?: { method: string; url: string; query?: unknown; headers?: unknown; body?: unknown };
  response?: { status: number; headers: unknown; body: unknown };
}

/** Unique display keys of a card's fields: the label, or "group/label" where two fields share a label. */
export interface TraceKeys {
  readonly inputs: readonly (string | undefined)[];
  readonly outputs: readonly (string | undefined)[];
}

export function traceKeys(inputs: ReadonlyArray<InputSlot>, outputs: ReadonlyArray<OutputSlot>): TraceKeys {
  return { inputs: uniqueKeys(inputs), outputs: uniqueKeys(outputs) };
}

function uniqueKeys(slots: ReadonlyArray<InputSlot | OutputSlot>): Array<string | undefined> {
  const count = new Map<string, number>();
  for (const s of slots) if (!s.hidden) count.set(s.label, (count.get(s.label) ?? 0) + 1);
  const taken = new Set<string>();
  return slots.map((s) => {
    if (s.hidden) return undefined;
    let key = (count.get(s.label) ?? 0) > 1 && s.group !== null ? `${s.group}/${s.label}` : s.label;
    for (let n = 2; taken.has(key); n++) key = `${s.label} (${n})`;
    taken.add(key);
    return key;
  });
}

/** Values by display key, empty fields left out. */
export function labelled(keys: readonly (string | undefined)[], values: readonly unknown[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!values) return out;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = values[i];
    if (key === undefined || value === undefined) continue;
    if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

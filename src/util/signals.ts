/**
 * Holding SIGINT, SIGTERM and SIGHUP while a short synchronous step runs (writing a set of files): a signal that
 * arrives meanwhile is delivered once the step is over, so the step never stops half-way (no temporary file
 * left, no set of files half renamed). Then the process ends as the signal asks, after `onHeld` had its say.
 *
 * Holds may overlap (`holdSignalsDuring` releases only after the event loop has turned, so several in-process
 * runs can hold at once): they share one listener per signal, installed by the first hold and removed by the
 * last, and a held signal is delivered when the last hold ends, never while another step still writes.
 */
const HELD: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

interface Hold {
  /** The first signal that arrived while this hold was on. */
  received?: NodeJS.Signals;
}

const holds = new Set<Hold>();
/** The first signal that arrived while any hold was on, not yet delivered. */
let pending: NodeJS.Signals | undefined;

function onSignal(signal: NodeJS.Signals): void {
  pending ??= signal;
  for (const h of holds) h.received ??= signal;
}

/** Runs `step` with the signals held; resolves once a held signal (if any) has been acted on. */
export async function withSignalsHeld<T>(step: () => T, onHeld?: (signal: NodeJS.Signals) => void): Promise<T> {
  const hold = startHolding();
  try {
    return step();
  } finally {
    await release(hold, onHeld);
  }
}

/**
 * The same for a caller that cannot wait: `step` runs now, and the signals stay held until the event loop has
 * turned twice (a held signal then ends the process).
 */
export function holdSignalsDuring<T>(step: () => T, onHeld?: (signal: NodeJS.Signals) => void): T {
  const hold = startHolding();
  try {
    return step();
  } finally {
    void release(hold, onHeld);
  }
}

function startHolding(): Hold {
  if (holds.size === 0) for (const s of HELD) process.on(s, onSignal);
  const hold: Hold = {};
  holds.add(hold);
  return hold;
}

async function release(hold: Hold, onHeld?: (signal: NodeJS.Signals) => void): Promise<void> {
  // a signal that came during the step waits in the event loop's poll phase: two turns of the loop make sure one
  // poll phase ran after the step (the first immediate may run before any poll)
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  holds.delete(hold);
  if (hold.received !== undefined) onHeld?.(hold.received);
  if (holds.size > 0) return;
  for (const s of HELD) process.off(s, onSignal);
  const signal = pending;
  pending = undefined;
  if (signal !== undefined) process.kill(process.pid, signal);
}

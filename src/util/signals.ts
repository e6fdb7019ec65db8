/**
 * Holding SIGINT, SIGTERM and SIGHUP while a short synchronous step runs (writing a set of files): a signal that
 * arrives meanwhile is delivered once the step is over, so the step never stops half-way (no temporary file
 * left, no set of files half renamed). Then the process ends as the signal asks, after `onHeld` had its say.
 */
const HELD: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Runs `step` with the signals held; resolves once a held signal (if any) has been acted on. */
export async function withSignalsHeld<T>(step: () => T, onHeld?: (signal: NodeJS.Signals) => void): Promise<T> {
  const hold = startHolding();
  try {
    return step();
  } finally {
    await hold.release(onHeld);
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
    void hold.release(onHeld);
  }
}

function startHolding(): { release(onHeld?: (signal: NodeJS.Signals) => void): Promise<void> } {
  const received: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => received.push(signal);
  for (const s of HELD) process.on(s, hold);
  return {
    async release(onHeld) {
      // a signal that came during the step waits in the event loop's poll phase: two turns of the loop make sure
      // one poll phase ran after the step (the first immediate may run before any poll)
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      for (const s of HELD) process.off(s, hold);
      const signal = received[0];
      if (signal !== undefined) {
        onHeld?.(signal);
        process.kill(process.pid, signal);
      }
    },
  };
}

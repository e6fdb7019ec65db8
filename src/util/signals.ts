/**
 * Holding SIGINT, SIGTERM and SIGHUP while a short synchronous step runs (writing a build's files): a signal that
 * arrives meanwhile is delivered once the step is over, so the step never stops half-way (no temporary file
 * left, no set of files half renamed). Then the process ends as the signal asks, after `onHeld` had its say.
 */
const HELD: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export async function withSignalsHeld<T>(step: () => T, onHeld?: (signal: NodeJS.Signals) => void): Promise<T> {
  const received: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => received.push(signal);
  for (const s of HELD) process.on(s, hold);
  try {
    return step();
  } finally {
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
  }
}

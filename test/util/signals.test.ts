import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { holdSignalsDuring, withSignalsHeld } from "../../src/util/signals.js";
import { builtFile } from "../support/repo.js";

/**
 * Holds of SIGINT, SIGTERM and SIGHUP (src/util/signals.ts) may overlap (in-process runs of import release theirs
 * only after the event loop turns): they share one listener per signal, so many holds never pile up listeners
 * (Node's MaxListenersExceededWarning at 11), and a signal held by overlapping holds ends the process once, when
 * the last hold is over. The end-to-end guarantee (a build's write is never cut) is test/stress/interrupted-build.
 */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function listeners(): number[] {
  return SIGNALS.map((s) => process.listenerCount(s));
}

describe("held signals", () => {
  it("many concurrent holds add at most one listener per signal, and none once they are over", async () => {
    const before = listeners();
    const during: number[][] = [];
    const waits: Array<Promise<unknown>> = [];
    for (let i = 0; i < 40; i++) {
      holdSignalsDuring(() => during.push(listeners()));
      waits.push(withSignalsHeld(() => during.push(listeners())));
    }
    expect(listeners()).toEqual(before.map((n) => n + 1));
    expect(during).toHaveLength(80);
    for (const counts of during) expect(counts).toEqual(before.map((n) => n + 1));
    await Promise.all(waits);
    // holdSignalsDuring's holds end two turns of the event loop after their step
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(listeners()).toEqual(before);
  });

  it("gives the step's value and its error back", async () => {
    expect(holdSignalsDuring(() => 7)).toBe(7);
    expect(await withSignalsHeld(() => "written")).toBe("written");
    expect(() =>
      holdSignalsDuring(() => {
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    await expect(
      withSignalsHeld(() => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
  });

  it("a signal during overlapping holds waits for the last one, then ends the process (a real process)", () => {
    const url = pathToFileURL(builtFile("util/signals.js")).href;
    // the signal arrives while holds A and C are on: A ends without acting on it, C's end delivers it
    const script = `
      import { holdSignalsDuring, withSignalsHeld } from ${JSON.stringify(url)};
      const say = (s) => process.stdout.write(s + "\\n");
      const a = withSignalsHeld(() => { say("A writes"); process.kill(process.pid, "SIGTERM"); }, (s) => say("A held " + s));
      holdSignalsDuring(() => say("C writes"), (s) => say("C held " + s));
      await a;
      say("A over");
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      say("never printed: the held signal ends the process");
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.signal).toBe("SIGTERM");
    expect(r.stdout.split("\n").filter((l) => l !== "")).toEqual(["A writes", "C writes", "A held SIGTERM", "A over", "C held SIGTERM"]);
  });
});

/**
 * The same flow, input and mocks give the same run on any machine, time zone and locale: real processes of
 * `flocode run` under different TZ and LANG print the same bytes (dates read without a zone are UTC, the clock
 * is virtual, randomness is seeded, nothing is formatted by the locale).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const FIXTURE = "test/fixtures/simulate/clock.flow.ts";
const INPUT = JSON.stringify({ since: "2025-03-30 01:30", until: "2025-10-26T02:30:00" });
const ENVIRONMENTS = [
  { TZ: "UTC", LANG: "C", LC_ALL: "C" },
  { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
  { TZ: "America/Los_Angeles", LANG: "ja_JP.UTF-8", LC_ALL: "ja_JP.UTF-8" },
];

describe("a simulated run is deterministic", () => {
  it("prints the same JSON and history under every time zone and locale", () => {
    const runs = ENVIRONMENTS.map((env) => ({
      json: runCli(["run", FIXTURE, "--input", INPUT, "--auto-mocks", "--json"], { env }),
      text: runCli(["run", FIXTURE, "--input", INPUT, "--auto-mocks"], { env }),
    }));
    for (const r of runs) {
      expect(r.json.status, r.json.stderr).toBe(0);
      expect(r.text.status, r.text.stderr).toBe(0);
    }
    const first = JSON.parse(runs[0]!.json.stdout) as { trace: Array<{ card: string; at: string; inputs: Record<string, unknown> }> };
    const search = first.trace.find((t) => t.card === "Search System Logs")!;
    // Dates without a zone are read as UTC; the day's wait and each streamed record's 90 minutes on the clock.
    expect(search.inputs).toMatchObject({ Since: "2025-03-30T01:30:00.000Z", Until: "2025-10-26T02:30:00.000Z" });
    expect(search.at).toBe("2025-01-02T00:00:00.000Z");
    for (const r of runs.slice(1)) {
      expect(r.json.stdout).toBe(runs[0]!.json.stdout);
      expect(r.text.stdout).toBe(runs[0]!.text.stdout);
    }
  });
});

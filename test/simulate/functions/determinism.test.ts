import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { REPO } from "../../support/cli.js";
import { caseOutputs } from "./case-outputs.js";

describe("function cards are deterministic", () => {
  it("give the same outputs under another time zone and locale (Pacific/Kiritimati, tr_TR)", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "test/simulate/functions/case-outputs.ts"], {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const here = caseOutputs();
    expect(here.split("\n").length).toBeGreaterThan(150);
    expect(child.stdout).toBe(here);
  });

  it("read the clock and randomness only from the run's environment, never the machine's", () => {
    const expected = caseOutputs();
    const now = Date.now;
    const random = Math.random;
    const forbidden = (what: string) => () => {
      throw new Error(`a function card read ${what}`);
    };
    Date.now = forbidden("Date.now()");
    Math.random = forbidden("Math.random()");
    try {
      expect(caseOutputs()).toBe(expected);
    } finally {
      Date.now = now;
      Math.random = random;
    }
  });
});

/**
 * Every flow of every real export, run from its trigger with automatic mocks: none crashes, and every run ends
 * in one of the ways a user can act on: completed, stopped by a Continue If, failed with Okta's error object, or
 * incomplete with a message naming the card and flow (a card not simulated yet). `npm run simulate-report`
 * prints the tally.
 */
import { describe, expect, it } from "vitest";
import { formatTally, smokeRuns } from "../../src/testing/smoke.js";
import { corpus } from "../support/corpus.js";

const CARD_MESSAGE =
  /^card ".*" \([A-Za-z0-9_]+:[^)]+\) in flow ".*" (is not simulated yet|calls flow ".*", kept elsewhere \(a stub in this export\): it is not simulated)$/;

describe.skipIf(!corpus())("smoke runs over the corpus", () => {
  it("runs every flow to an end a user can act on, never a crash", async () => {
    const tally = await smokeRuns(corpus()!.files);
    process.stdout.write(formatTally(tally));
    // A file the flopack reader refuses is its business: one line naming the file, never a run.
    for (const u of tally.unreadable)
      expect(u.message, u.file).toMatch(new RegExp(`^${u.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [^\n]+$`));
    expect(tally.flows).toBeGreaterThan(0);
    const { completed, stopped, failed, incomplete } = tally.byStatus;
    expect(completed + stopped + failed + incomplete).toBe(tally.flows);
    expect(completed).toBeGreaterThan(0);
    for (const { file, flow, result } of tally.runs) {
      const where = `${file} / ${flow}`;
      expect(result.trace.length, where).toBeGreaterThan(0);
      if (result.status === "failed") {
        expect(result.error?.okta, where).toMatchObject({ message: expect.any(String), code: expect.any(Number), flo: expect.any(String) });
      }
      if (result.status === "incomplete") {
        // With automatic mocks nothing is unmocked or mis-mocked, and the simulator never fails on its own.
        expect(result.error?.kind, `${where}: ${result.error?.message}`).toBe("not-simulated");
        expect(result.error?.message, where).toMatch(CARD_MESSAGE);
      }
      if (result.status === "completed" || result.status === "stopped") expect(result.error, where).toBeUndefined();
    }
  });
});

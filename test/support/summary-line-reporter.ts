import { writeSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/**
 * CI reads a plain closing line `N passed, N failed[, N skipped]`; vitest's own summary is not in that form.
 * This reporter prints exactly that line, as the very last line of the output: when the process exits, after
 * vitest has printed everything, errors outside any test included (a global setup that failed: a build error, an
 * unusable FLOCODE_CORPUS). A run that exits with a failure code never closes with `0 failed`.
 */
export default class SummaryLineReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 };

  onInit(): void {
    process.once("exit", (code) => this.printClosingLine(code));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      // A module that failed to load has no tests but is a failure.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed++;
    }
    counts.failed += unhandledErrors.length;
    this.counts = counts;
  }

  private printClosingLine(exitCode: number): void {
    const { passed, skipped } = this.counts;
    let { failed } = this.counts;
    let note = "";
    if (exitCode !== 0 && failed === 0) {
      failed = 1;
      note = `\nthe test run failed outside the tests (exit code ${exitCode}): see the error above\n`;
    }
    // Synchronous: the process is exiting.
    writeSync(1, `${note}\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/**
 * A few fuzz cases through the real CLI process (the built CLI, test/support/cli.ts), the way users run it: each
 * command must end (a hang is killed after a minute and fails the test), with an exit code of the contract and no
 * stack trace.
 * `npm test`: 3 cases; `npm run fuzz`: 40.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { commandsFor, fuzzBases, fuzzSeed, isKnownOpen } from "./cases.js";
import { mutate, mutationArb } from "./mutate.js";
import { contractBreach } from "./contract.js";

const work = mkdtempSync(join(tmpdir(), "flocode-fuzz-process-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cases = process.env.FLOCODE_FUZZ_RUNS ? 40 : 3;
const HANG_MS = 60_000;

describe("fuzz: mutated exports through the CLI process", () => {
  it(`keeps the contract and never hangs on ${cases} mutated files`, () => {
    const bases = fuzzBases();
    const seed = fuzzSeed();
    const mutations = fc.sample(mutationArb, { numRuns: cases, ...(seed !== undefined ? { seed: seed + 1 } : {}) });
    mutations.forEach((m, i) => {
      const base = bases[m.base % bases.length]!;
      const file = join(work, `case-${i}.flopack`);
      writeFileSync(file, mutate(base.text, m));
      // import loads ts-morph (seconds per process): the first case only
      const commands = commandsFor(file, base.file, join(work, `out-${i}`)).filter(([c]) => c !== "import" || i === 0);
      for (const [command, argv] of commands) {
        const r = runCli(argv, { timeout: HANG_MS });
        const where = `${command} on ${JSON.stringify(m)} (base ${base.file})`;
        expect(r.status, `${where}: killed after ${HANG_MS} ms or by a signal`).not.toBeNull();
        const breach = contractBreach({ status: r.status!, stdout: r.stdout, stderr: r.stderr });
        if (breach !== undefined && isKnownOpen({ command, breach })) continue;
        expect(breach, where).toBeUndefined();
      }
    });
  }, 3600_000);
});

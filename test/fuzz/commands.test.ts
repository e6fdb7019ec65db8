/**
 * Fuzz: real exports with keys dropped, duplicated, retyped and renamed, references broken and text truncated go
 * through validate, show, diff and import (in-process `main(argv)`). Whatever the input, every command ends with an
 * exit code of the contract (0/1/2), never throws, never prints a stack trace or an "internal error".
 *
 * `npm test` runs a few hundred cases with a fixed seed; `npm run fuzz` runs 10,000 with a fresh seed
 * (FLOCODE_FUZZ_RUNS / FLOCODE_FUZZ_SEED override). A failure prints the shrunk mutation and keeps the mutated file
 * in $TMPDIR/flocode-fuzz-found/: copy it to test/fuzz/regressions/ once fixed.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpus } from "../support/corpus.js";
import { fuzzBases, fuzzRuns, fuzzSeed, keepFailingInput, runCase, type CaseFailure } from "./cases.js";
import { mutate, mutationArb, type Mutation } from "./mutate.js";

const bases = fuzzBases();
const work = mkdtempSync(join(tmpdir(), "flocode-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Under `npm test` with the corpus (large exports: ~0.25 s a case) fewer cases keep the suite quick.
const runs = fuzzRuns(corpus() ? 120 : 250);
const fullRun = process.env.FLOCODE_FUZZ_RUNS !== undefined;

describe("fuzz: mutated exports through validate, show, diff, import", () => {
  it("has real exports to mutate", () => {
    expect(bases.length).toBeGreaterThan(0);
  });

  // the corpus exports unmutated are the corpus tests' job; a full fuzz run checks them too
  it("keeps the CLI contract on the unmutated exports", async () => {
    for (const base of bases.filter((b) => fullRun || b.own)) {
      const failure = await runCase(base.text, base.file, work);
      expect(failure, base.file).toBeUndefined();
    }
  });

  it(
    `keeps the CLI contract on ${runs} mutated files`,
    async () => {
      let kinds = 0;
      const tolerated: CaseFailure[] = [];
      const property = fc.asyncProperty(mutationArb, async (m: Mutation) => {
        const base = bases[m.base % bases.length]!;
        const text = mutate(base.text, m);
        if (text !== base.text) kinds++;
        const failure = await runCase(text, base.file, work, tolerated);
        if (failure) throw new Error(`${failure.command}: ${failure.breach}`);
      });
      const seed = fuzzSeed();
      const details = await fc.check(property, { numRuns: runs, ...(seed !== undefined ? { seed } : {}) });
      if (details.failed) {
        const m = details.counterexample![0];
        const base = bases[m.base % bases.length]!;
        const kept = keepFailingInput(mutate(base.text, m));
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        expect.fail(`seed ${details.seed}, base ${base.file}, mutation ${JSON.stringify(m)}\n${error}\nmutated file kept at ${kept}`);
      }
      if (tolerated.length > 0) console.warn(`[fuzz] ${tolerated.length} known open crashes met (test/fuzz/regressions/index.ts)`);
      // the mutations do change the input (a generator gone dull would make this test pass vacuously)
      expect(kinds).toBeGreaterThan(runs * 0.9);
    },
    24 * 3600_000,
  );
});

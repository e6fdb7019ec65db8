/**
 * Fuzz: real exports with keys dropped, duplicated, retyped and renamed, numbers that overflow, references broken
 * and text truncated go through every command that reads a flopack (validate, show, diff, graph, checklist,
 * catalog learn, import, in each output format; in-process `main(argv)`), then import again into the folder
 * import wrote. Whatever the input, every command ends with an exit code of the contract (0/1/2), never throws,
 * never prints a stack trace or an "internal error"; validate reports every duplicate key (FP008) and overflowing
 * number (FP007) the mutation wrote; and every folder import wrote goes through `flocode build` (one CLI process
 * per batch of folders), which must build it or say in one located line why not (those folders are counted); a
 * JavaScript error thrown by the code import wrote (`Cannot access 'x' before initialization`) is an import bug.
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
import { breakingFolders, buildImported, fuzzBases, fuzzRuns, fuzzSeed, keepFailingInput, runCase, type CaseFailure } from "./cases.js";
import { mutate, mutateWithFacts, mutationArb, type Mutation } from "./mutate.js";

const bases = fuzzBases();
const work = mkdtempSync(join(tmpdir(), "flocode-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Under `npm test` with the corpus (large exports: ~0.25 s a case) fewer cases keep the suite quick.
const runs = fuzzRuns(corpus() ? 120 : 250);
const fullRun = process.env.FLOCODE_FUZZ_RUNS !== undefined;
/** Folders import wrote are built this many at a time (one `flocode build` process each). */
const BUILD_BATCH = 200;
/** At most this many imported folders are built: every one in `npm run fuzz`, a sample under `npm test`. */
const MAX_BUILDS = fullRun ? Number.POSITIVE_INFINITY : 40;

describe("fuzz: mutated exports through validate, show, diff, import", () => {
  it("has real exports to mutate", () => {
    expect(bases.length).toBeGreaterThan(0);
  });

  // the corpus exports unmutated are the corpus tests' job; a full fuzz run checks them too
  it("keeps the CLI contract on the unmutated exports", async () => {
    for (const base of bases.filter((b) => fullRun || b.own)) {
      const { failure } = await runCase(base.text, base.file, work);
      expect(failure, base.file).toBeUndefined();
    }
  });

  it(
    `keeps the CLI contract on ${runs} mutated files`,
    async () => {
      let kinds = 0;
      let commands = 0;
      let duplicateKeys = 0;
      let overflows = 0;
      let builds = 0;
      const tolerated: CaseFailure[] = [];
      const pending: Array<{ folder: string; mutation: Mutation }> = [];
      const breaches: string[] = [];
      const unbuilt = new Map<string, number>();
      const buildPending = () => {
        const outcome = buildImported(
          pending.map((p) => p.folder),
          join(work, "dist"),
        );
        commands++;
        builds += pending.length;
        if (outcome.breach !== undefined) {
          const culprits = breakingFolders(
            pending.map((p) => p.folder),
            join(work, "dist"),
          );
          for (const { folder, breach } of culprits) {
            const m = pending.find((p) => p.folder === folder)!.mutation;
            const base = bases[m.base % bases.length]!;
            breaches.push(
              `${breach}\n  mutation ${JSON.stringify(m)}, base ${base.file}, kept at ${keepFailingInput(mutate(base.text, m))}`,
            );
          }
          if (culprits.length === 0) breaches.push(`${outcome.breach}\n  (batch of ${pending.length} folders; no folder breaks it alone)`);
        }
        for (const { message } of outcome.unbuilt) {
          // tallied by the kind of complaint (the message without the values)
          const kind = message
            .replace(/^flocode: [^ ]+ /, "")
            .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
            .slice(0, 80);
          unbuilt.set(kind, (unbuilt.get(kind) ?? 0) + 1);
        }
        for (const p of pending) rmSync(p.folder, { recursive: true, force: true });
        pending.length = 0;
        rmSync(join(work, "dist"), { recursive: true, force: true });
      };
      const property = fc.asyncProperty(mutationArb, async (m: Mutation) => {
        const base = bases[m.base % bases.length]!;
        const { text, facts } = mutateWithFacts(base.text, m);
        if (text !== base.text) kinds++;
        if (facts.duplicateKey) duplicateKeys++;
        if (facts.nonFinite) overflows++;
        const keep = builds + pending.length < MAX_BUILDS;
        const result = await runCase(text, base.file, work, tolerated, facts, keep);
        commands += result.commands;
        if (result.imported !== undefined) pending.push({ folder: result.imported, mutation: m });
        if (pending.length >= BUILD_BATCH) buildPending();
        if (result.failure) throw new Error(`${result.failure.command}: ${result.failure.breach}`);
      });
      const seed = fuzzSeed();
      const details = await fc.check(property, { numRuns: runs, ...(seed !== undefined ? { seed } : {}) });
      buildPending();
      if (details.failed) {
        const m = details.counterexample![0];
        const base = bases[m.base % bases.length]!;
        const kept = keepFailingInput(mutate(base.text, m));
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        expect.fail(`seed ${details.seed}, base ${base.file}, mutation ${JSON.stringify(m)}\n${error}\nmutated file kept at ${kept}`);
      }
      if (tolerated.length > 0) console.warn(`[fuzz] ${tolerated.length} known open crashes met (test/fuzz/regressions/index.ts)`);
      console.info(
        `[fuzz] ${runs} cases (${duplicateKeys} with a duplicate key, ${overflows} with an overflowing number), ` +
          `${commands} commands run (${builds} imported folders built), seed ${details.seed}`,
      );
      if (unbuilt.size > 0) {
        const total = [...unbuilt.values()].reduce((a, b) => a + b, 0);
        const kinds = [...unbuilt].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} × ${k}`);
        console.info(`[fuzz] ${total} of ${builds} imported folders do not build, each with a located message:\n${kinds.join("\n")}`);
      }
      expect(breaches, "build of folders import wrote broke the CLI contract").toEqual([]);
      expect(builds).toBeGreaterThan(0);
      // the mutations do change the input (a generator gone dull would make this test pass vacuously)
      expect(kinds).toBeGreaterThan(runs * 0.9);
    },
    24 * 3600_000,
  );
});

/**
 * The JSON Schema validator `npm run build` compiles ahead of time (lib/format/flopack-validator.cjs) accepts and
 * rejects exactly what the validator compiled at run time from the zod model accepts and rejects: on the real
 * exports and on mutated copies of them.
 */
import fc from "fast-check";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { createAjv } from "../../src/format/schema-check.js";
import { buildFlopackJsonSchema } from "../../src/format/json-schema.js";
import { PRECOMPILED_FILE } from "../../src/format/schema-precompiled.js";
import { fuzzBases, fuzzRuns, fuzzSeed } from "./cases.js";
import { corpus } from "../support/corpus.js";
import { mutate, mutationArb } from "./mutate.js";
import { builtFile } from "../support/repo.js";

describe("precompiled JSON Schema validator (lib/, made by the test run's build)", () => {
  const precompiled = createRequire(import.meta.url)(builtFile(`format/${PRECOMPILED_FILE}`)) as ValidateFunction;
  const compiled = createAjv().compile(buildFlopackJsonSchema());
  const bases = fuzzBases();

  it("accepts every real export", () => {
    expect(bases.length).toBeGreaterThan(0);
    for (const b of bases) expect(precompiled(JSON.parse(b.text)), b.file).toBe(true);
  });

  it(
    "agrees with the run-time compiled validator on mutated exports",
    () => {
      let rejected = 0;
      const seed = fuzzSeed();
      fc.assert(
        fc.property(mutationArb, (m) => {
          let doc: unknown;
          try {
            doc = JSON.parse(mutate(bases[m.base % bases.length]!.text, m));
          } catch {
            return; // not JSON: the schema never sees it
          }
          const verdict = compiled(doc);
          if (!verdict) rejected++;
          expect(precompiled(doc)).toBe(verdict);
        }),
        { numRuns: fuzzRuns(corpus() ? 150 : 300), ...(seed !== undefined ? { seed } : {}) },
      );
      expect(rejected).toBeGreaterThan(0);
      // `npm run fuzz` (10,000 cases) takes minutes on a busy machine: the default 2 min is for `npm test`'s share
    },
    fuzzRuns(0) > 1000 ? 60 * 60_000 : undefined,
  );
});

/**
 * The JSON Schema validator `npm run build` compiles ahead of time (lib/format/flopack-validator.cjs) accepts and
 * rejects exactly what the validator compiled at run time from the zod model accepts and rejects: on the real
 * exports and on mutated copies of them.
 */
import fc from "fast-check";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { createAjv } from "../../src/format/schema-check.js";
import { buildFlopackJsonSchema } from "../../src/format/json-schema.js";
import { PRECOMPILED_FILE } from "../../src/format/schema-precompiled.js";
import { fuzzBases, fuzzRuns, fuzzSeed } from "./cases.js";
import { corpus } from "../support/corpus.js";
import { mutate, mutationArb } from "./mutate.js";

const FILE = fileURLToPath(new URL(`../../lib/format/${PRECOMPILED_FILE}`, import.meta.url));

describe.skipIf(!existsSync(FILE))("precompiled JSON Schema validator (npm run build)", () => {
  const precompiled = createRequire(import.meta.url)(FILE) as ValidateFunction;
  const compiled = createAjv().compile(buildFlopackJsonSchema());
  const bases = fuzzBases();

  it("accepts every real export", () => {
    for (const b of bases) expect(precompiled(JSON.parse(b.text)), b.file).toBe(true);
  });

  it("agrees with the run-time compiled validator on mutated exports", () => {
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
  });
});

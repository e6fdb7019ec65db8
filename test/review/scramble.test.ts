import { describe, expect, it } from "vitest";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { generatedIds, scramble } from "../support/scramble.js";
import { fixture } from "./fixture.js";

function allStrings(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allStrings(v, out);
    }
  return out;
}

function checkScrambled(doc: any, seed: number): void {
  const before = JSON.stringify(doc);
  const s = scramble(doc, seed);
  expect(JSON.stringify(doc)).toBe(before); // pure
  expect(JSON.stringify(scramble(doc, seed))).toBe(JSON.stringify(s)); // deterministic
  const ids = generatedIds(doc);
  expect(ids.size).toBeGreaterThan(0);
  const strings = allStrings(s);
  for (const id of ids) expect(strings.has(id), id).toBe(false); // every id regenerated everywhere
  expect(generatedIds(s).size).toBe(ids.size); // one new id per old id
  // Same structure otherwise: as many cards, edges and entries.
  const count = (d: any) => JSON.stringify(d).length;
  expect(Math.abs(count(s) - count(doc)) / count(doc)).toBeLessThan(0.05);
}

describe("scramble (test utility)", () => {
  it("regenerates every id, is pure and deterministic", () => {
    checkScrambled(fixture(), 3);
  });

  it("reorders storage-only collections", () => {
    const doc = fixture() as any;
    const names = (d: any) =>
      Object.values<any>(d.data.flos)
        .flatMap((f) => f.data.methods.map((m: any) => m.node.data.name))
        .join(",");
    const seen = new Set([1, 2, 3, 4, 5].map((seed) => names(scramble(doc, seed))));
    expect(seen.size).toBeGreaterThan(1);
  });

  it("remaps folder paths", () => {
    const s = scramble(fixture(), 8) as any;
    const groups = Object.values<any>(s.data.groups);
    const child = groups.find((g) => g.data.name === "Archive");
    const parent = groups.find((g) => g.data.name === "Reports");
    expect(child.data.path).toBe(parent.id);
  });
});

const c = corpus();
describe.skipIf(!c)("scramble over the corpus", () => {
  it("leaves no old id anywhere in any export", () => {
    for (const file of c!.files) checkScrambled(readCorpusJson(file), 17);
  });
});

/**
 * diff at scale: two versions of a 6,000-card flow (a chain, see bench/scale.bench.ts). The card alignment used to
 * build an n × m table per flow pair: `flocode diff` of the 100k-card synthetic pack against a reordered copy ran
 * out of memory (a V8 abort with a native stack trace, exit 134). It now pairs the common leading run first and
 * aligns greedily when the rest would still need more than 25 million cells; these tests check both paths give
 * the right answer (the crash itself needs a 100k-card pack: see `npm run bench -- scale`).
 */
import { describe, expect, it } from "vitest";
import { buildPackView } from "../../src/review/pack-view.js";
import { diffPacks } from "../../src/review/diff.js";
import { syntheticPackText } from "../../bench/scale.bench.js";
import { scramble } from "../support/scramble.js";

describe("diff of large flows", () => {
  const text = syntheticPackText(6_000);
  const doc = JSON.parse(text) as {
    data: {
      flos: Record<
        string,
        { data: { methods: Array<{ node: { model: { inputs: { data: Record<string, { value: { data: unknown } }> } } } }> } }
      >;
    };
  };

  it("a 6,000-card flow against a reordered copy of itself: equal", () => {
    expect(diffPacks(buildPackView(JSON.parse(text)), buildPackView(scramble(JSON.parse(text), 3))).equal).toBe(true);
  });

  it("with its first card's constant changed: that one change, every other card paired", () => {
    const changed = structuredClone(doc);
    const flow = Object.values(changed.data.flos)[0]!;
    const first = flow.data.methods.find((m) => Object.values(m.node.model.inputs.data).some((e) => e.value.data === "START"))!;
    for (const e of Object.values(first.node.model.inputs.data)) if (e.value.data === "START") e.value.data = "BEGIN";
    const result = diffPacks(buildPackView(doc), buildPackView(changed));
    expect(result.equal).toBe(false);
    expect(result.changes.map((c) => c.kind)).toEqual(["constant"]);
    expect(result.changes[0]!.message).toContain("BEGIN");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPacks } from "../../src/review/diff.js";
import { graphModel, renderDot, renderMermaid } from "../../src/review/graph.js";
import { buildPackView } from "../../src/review/pack-view.js";
import { renderShow } from "../../src/review/show.js";
import { checklist } from "../../src/review/checklist.js";
import type { Flopack } from "../../src/format/envelope.js";
import { scramble } from "../support/scramble.js";
import { fixture } from "./fixture.js";

/** Every uuid a card of the fixture has, top level and inline. */
function cardUuids(doc: any): string[] {
  const out: string[] = [];
  const scope = (fd: any) => {
    for (const m of fd.methods) {
      out.push(m.uuid);
      for (const e of Object.values<any>(m.node.model.inputs.data))
        if (e.value.type === "flo" && typeof e.value.data === "object" && e.value.data) scope(e.value.data);
      if (typeof m.node.model.policy.error.flo === "object") scope(m.node.model.policy.error.flo);
    }
  };
  for (const f of Object.values<any>(doc.data.flos)) scope(f.data);
  return out;
}

/** Random graph damage: edges added (cycles, self-loops, dangling), edges and cards deleted, pins rerouted. */
const damage = fc.record({
  addEdges: fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { maxLength: 8 }),
  dropEdges: fc.array(fc.nat(40), { maxLength: 6 }),
  dropCards: fc.array(fc.nat(40), { maxLength: 4 }),
  dangling: fc.boolean(),
  branchToMissing: fc.boolean(),
  seed: fc.nat(),
});

interface Damage {
  addEdges: Array<[number, number]>;
  dropEdges: number[];
  dropCards: number[];
  dangling: boolean;
  branchToMissing: boolean;
  seed: number;
}

function apply(d: Damage): any {
  const doc: any = fixture();
  const flows = Object.values<any>(doc.data.flos).map((f) => f.data);
  const uuids = cardUuids(doc);
  for (const fd of flows) {
    const keys = Object.keys(fd.orderings);
    for (const i of d.dropEdges) delete fd.orderings[keys[i % Math.max(keys.length, 1)]!];
    d.addEdges.forEach(([a, b], i) => (fd.orderings[`rnd${i}`] = [uuids[a % uuids.length], uuids[b % uuids.length]]));
    if (d.dangling) fd.orderings.dangle = [fd.methods[0].uuid, "ghost0001"];
    for (const i of d.dropCards) fd.methods.splice(i % Math.max(fd.methods.length, 1), 1);
    if (d.branchToMissing) for (const m of fd.methods) if (Object.keys(m.branches).length) m.branches.ghostHead = true;
  }
  return doc;
}

describe("review tools on damaged graphs", () => {
  it("never throw or hang, and stay deterministic", () => {
    fc.assert(
      fc.property(damage, (d) => {
        const doc = apply(d);
        const view = buildPackView(doc);
        const text = renderShow(view);
        expect(renderShow(buildPackView(apply(d)))).toBe(text);
        expect(renderShow(buildPackView(scramble(doc, d.seed)))).toBe(text);
        renderMermaid(graphModel(view));
        renderDot(graphModel(view));
        checklist(doc as Flopack);
        const self = diffPacks(view, buildPackView(apply(d)));
        expect(self.equal).toBe(true);
        diffPacks(buildPackView(fixture()), view);
      }),
      { numRuns: Number(process.env.FLOCODE_FUZZ_RUNS ?? 200) },
    );
  });
});

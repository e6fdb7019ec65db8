/**
 * Build speed at scale: synthetic flows of 1k, 10k and 100k cards (a chain of Text → Lowercase cards, each wired
 * to the previous one), built in-process as `flocode build` does after loading the file: lower onto the catalog,
 * emit, serialise. Baseline: JSON.parse of the bytes produced. Prints the cost per card and the growth per 10×
 * (linear growth = about 10×).
 */
import type { Harness } from "./harness.js";
import { loadCatalog } from "../src/catalog/store.js";
import { lower } from "../src/compile/lower.js";
import { emitPack } from "../src/compile/emit.js";
import { flow, manual } from "../src/index.js";
import { kernel } from "../src/cards/index.js";
import type { FlowDef } from "../src/dsl/types.js";

function syntheticFlow(cards: number): FlowDef {
  return flow({ name: `Synthetic ${cards}`, trigger: manual() }, (f) => {
    let previous = f.add(kernel.string.toLowerCase({ string: "START" }));
    for (let i = 1; i < cards; i++) previous = f.add(kernel.string.toLowerCase({ string: previous.output }));
  });
}

export default async function run(h: Harness): Promise<void> {
  const catalog = loadCatalog();
  const templates = { template: (a: string, v: string) => catalog.get(a, v)?.template };
  const build = (def: FlowDef): string => {
    const ir = lower({ flows: [def], defaultFolder: "Synthetic" }, catalog);
    return JSON.stringify(emitPack(ir, templates, { created: "2000-01-01T00:00:00.000Z" }));
  };
  const results: Array<{ cards: number; ms: number; cpuMs: number; bytes: number }> = [];
  for (const cards of [1_000, 10_000, 100_000]) {
    const def = syntheticFlow(cards);
    const text = build(def);
    const runs = cards >= 100_000 ? 3 : 5;
    const base = await h.measure(`${cards} cards: JSON.parse of the output (baseline)`, () => JSON.parse(text), { runs, warmup: 1 });
    const m = await h.measure(`${cards} cards: build (lower + emit + stringify)`, () => build(def), { runs, warmup: 1, baseline: base });
    results.push({ cards, ms: m.medianMs, cpuMs: m.medianCpuMs, bytes: text.length });
  }
  for (const r of results)
    h.note(`${r.cards} cards: ${(r.bytes / 1e6).toFixed(1)} MB, ${((r.ms * 1000) / r.cards).toFixed(1)} µs per card`);
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    h.note(
      `growth ${a.cards} → ${b.cards} cards: ×${(b.ms / a.ms).toFixed(1)} wall, ×${(b.cpuMs / a.cpuMs).toFixed(1)} CPU (linear ≈ ×10)`,
    );
  }
}

/**
 * Review tools over the corpus (FLOCODE_CORPUS, default ../shared/flopacks): the presentation model, `show`
 * (model + YAML), `diff` of each export against a scrambled copy of itself (two models + pairing), `graph`
 * (Mermaid), against a bare JSON.parse of the same texts. SVG (Graphviz WASM) is measured on its own.
 */
import { readFileSync } from "node:fs";
import { benchCorpus, type Harness } from "./harness.js";
import { buildPackView } from "../src/review/pack-view.js";
import { renderShow } from "../src/review/show.js";
import { diffPacks } from "../src/review/diff.js";
import { graphModel, renderDot, renderMermaid } from "../src/review/graph.js";
import { renderSvg } from "../src/review/graph-svg.js";
import { scramble } from "../test/support/scramble.js";

export default async function run(h: Harness): Promise<void> {
  const corpus = benchCorpus();
  if (!corpus) return h.skip("corpus not found (set FLOCODE_CORPUS)");
  const { files } = corpus;
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const scrambledTexts = texts.map((t, i) => JSON.stringify(scramble(JSON.parse(t), i)));
  h.note(`${files.length} files, ${(texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1)} MB`);

  let sink = 0;
  const base = await h.measure("JSON.parse (baseline)", () => texts.forEach((t) => (sink += Object.keys(JSON.parse(t) as object).length)));
  await h.measure("parse + presentation model", () => texts.forEach((t) => (sink += buildPackView(JSON.parse(t)).flows.length)), {
    baseline: base,
  });
  const show = await h.measure(
    "parse + show (model + YAML)",
    () => texts.forEach((t) => (sink += renderShow(buildPackView(JSON.parse(t))).length)),
    { baseline: base },
  );
  const diff = await h.measure(
    "parse both + diff vs scrambled copy",
    () =>
      texts.forEach((t, i) => {
        if (!diffPacks(buildPackView(JSON.parse(t)), buildPackView(JSON.parse(scrambledTexts[i]!))).equal)
          throw new Error(`${files[i]}: scrambled copy differs`);
      }),
    { baseline: base },
  );
  await h.measure(
    "parse + graph (Mermaid)",
    () => texts.forEach((t) => (sink += renderMermaid(graphModel(buildPackView(JSON.parse(t)))).length)),
    { baseline: base },
  );
  const dots = texts.map((t) => renderDot(graphModel(buildPackView(JSON.parse(t)))));
  await h.measure(
    "SVG (Graphviz WASM) from DOT, whole corpus",
    async () => {
      for (const d of dots) sink += (await renderSvg(d)).length;
    },
    { runs: 2, warmup: 1 },
  );
  h.note(
    `show / parse = ${show.ratio!.toFixed(2)}×, diff / parse = ${diff.ratio!.toFixed(2)}× (diff parses two documents)${sink < 0 ? "" : ""}`,
  );
}

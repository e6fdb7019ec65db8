/**
 * Import speed over the corpus (FLOCODE_CORPUS, default ../shared/flopacks): every export read, validated, lifted
 * and turned into TypeScript (`importFlopack`, writing nothing), against a bare read + JSON.parse of the same files.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { benchCorpus, type Harness } from "./harness.js";
import { importFlopack } from "../src/cli/run-import.js";

export default async function run(h: Harness): Promise<void> {
  const corpus = benchCorpus();
  if (!corpus) return h.skip("corpus not found (set FLOCODE_CORPUS)");
  const { dir, files } = corpus;
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const out = join(tmpdir(), "flocode-import-bench");
  let cards = 0;
  let raw = 0;
  for (const f of files) {
    const { result } = importFlopack(f, { out });
    if (result.ok) {
      cards += result.cards;
      raw += result.rawCards;
    }
  }
  h.note(
    `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB from ${dir}; ${cards} cards, ${raw} raw (${((100 * raw) / Math.max(cards, 1)).toFixed(1)}%)`,
  );
  let sink = 0;
  const base = await h.measure(
    "read + JSON.parse (baseline)",
    () => {
      for (const f of files) sink += Object.keys(JSON.parse(readFileSync(f, "utf8")) as object).length;
    },
    { runs: 5 },
  );
  await h.measure(
    "import (validate + lift + codegen, no writes)",
    () => {
      for (const f of files) sink += importFlopack(f, { out }).writes.length;
    },
    { baseline: base, runs: 3, warmup: 1 },
  );
  if (sink < 0) h.note("unreachable");
}

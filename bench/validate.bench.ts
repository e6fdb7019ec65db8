/**
 * Validation speed over the corpus (FLOCODE_CORPUS, default ../shared/flopacks): the whole corpus validated as the
 * CLI does it (read + validateText: JSON, depth scan, JSON Schema, every rule) against a bare read + JSON.parse of
 * the same files. Issue target: ratio ≤ 2×.
 */
import { readFileSync, statSync } from "node:fs";
import { benchCorpus, type Harness } from "./harness.js";
import { parseFlopackText } from "../src/format/parse.js";
import { validateText } from "../src/rules/validate.js";
import { buildIndex } from "../src/rules/model.js";
import { runRules } from "../src/rules/run.js";
import { checkSchema } from "../src/format/schema-check.js";
import { scanJsonText } from "../src/format/json-text.js";
import { jsonValueProblems } from "../src/format/json-values.js";

export default async function run(h: Harness): Promise<void> {
  const corpus = benchCorpus();
  if (!corpus) return h.skip("corpus not found (set FLOCODE_CORPUS)");
  const { dir, files } = corpus;
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  h.note(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB from ${dir}`);

  let sink = 0;
  const base = await h.measure("read + JSON.parse (baseline)", () => {
    for (const f of files) sink += Object.keys(JSON.parse(readFileSync(f, "utf8")) as object).length;
  });
  await h.measure(
    "read + parseFlopackText (JSON + schema)",
    () => {
      for (const f of files) sink += parseFlopackText(readFileSync(f, "utf8"), f).ok ? 1 : 0;
    },
    { baseline: base },
  );
  const validate = await h.measure(
    "read + validateText (the CLI path)",
    () => {
      for (const f of files) {
        const findings = validateText(readFileSync(f, "utf8"), f);
        if (findings.some((x) => x.severity === "error")) throw new Error(`${f} has errors`);
        sink += findings.length;
      }
    },
    { baseline: base },
  );

  // Where the time goes: the text scan on the texts, the rest on already-parsed documents.
  const texts = files.map((f) => readFileSync(f, "utf8"));
  await h.measure("  of which: text scan (depth, compact)", () => texts.forEach((t) => (sink += scanJsonText(t).maxDepth)), {
    baseline: base,
  });
  const docs = texts.map((t) => JSON.parse(t) as Record<string, unknown>);
  const scans = texts.map((t) => scanJsonText(t));
  await h.measure(
    "  of which: key count + number check (FP008, FP007)",
    () => docs.forEach((d, i) => (sink += jsonValueProblems(d, texts[i]!, scans[i]!).duplicates.length)),
    { baseline: base },
  );
  await h.measure("  of which: JSON Schema (ajv)", () => docs.forEach((d) => (sink += checkSchema(d).length)), { baseline: base });
  await h.measure("  of which: index + rules", () => docs.forEach((d) => (sink += runRules(d).length)), { baseline: base });
  await h.measure("  of which: index only", () => docs.forEach((d) => (sink += buildIndex(d).cards.length)), { baseline: base });
  h.note(
    `validate / baseline = ${validate.ratio!.toFixed(2)}× wall, ${validate.cpuRatio!.toFixed(2)}× cpu (target ≤ 2×)${sink < 0 ? "" : ""}`,
  );
}

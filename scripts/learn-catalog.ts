/**
 * `npm run catalog:learn`: learns the built-in catalog (`catalog/<module>.json`) from the real exports in
 * FLOCODE_CORPUS (default ../shared/flopacks). Files are written only when their bytes change; module files
 * that are no longer produced are removed.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeIfChanged } from "../src/catalog/file.js";
import { learnCorpus } from "../src/catalog/learn-corpus.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const corpusDir = resolve(process.env.FLOCODE_CORPUS ?? join(repoRoot, "../shared/flopacks"));
if (!existsSync(corpusDir)) {
  process.stderr.write(`catalog:learn: corpus folder not found: ${corpusDir} (set FLOCODE_CORPUS)\n`);
  process.exit(2);
}
const outDir = join(repoRoot, "catalog");
const learned = learnCorpus(corpusDir, repoRoot);
let written = 0;
for (const [name, text] of learned.files) if (writeIfChanged(join(outDir, name), text)) written++;
let removed = 0;
for (const name of existsSync(outDir) ? readdirSync(outDir) : []) {
  if (name.endsWith(".json") && !learned.files.has(name)) {
    rmSync(join(outDir, name));
    removed++;
  }
}
const addresses = new Set(learned.entries.map((e) => e.address)).size;
process.stdout.write(
  `catalog:learn: ${learned.fileCount} exports → ${learned.entries.length} entries (${addresses} addresses) in ${learned.files.size} files; ${written} written, ${removed} removed\n`,
);
if (written + removed > 0)
  process.stdout.write("catalog:learn: the catalog changed; run `npm run gen:cards` to regenerate the typed card factories\n");

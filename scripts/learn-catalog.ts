/**
 * `npm run catalog:learn [-- <folder>...]`: learns the built-in catalog (`catalog/<module>.json`: card templates
 * and card contracts) from the real exports in the folders given (default: ../shared/flopacks and
 * ../shared/community, the public Okta templates and exports of other authors). Files are written only when
 * their bytes change; module files that are no longer produced are removed.
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeIfChanged } from "../src/catalog/file.js";
import { learnCorpus } from "../src/catalog/learn-corpus.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const corpusDirs = (args.length > 0 ? args : ["../shared/flopacks", "../shared/community"].map((d) => join(repoRoot, d))).map((d) =>
  resolve(d),
);
for (const dir of corpusDirs) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`catalog:learn: not a folder of exports: ${dir}\n`);
    process.exit(2);
  }
}
const outDir = join(repoRoot, "catalog");
const learned = learnCorpus(corpusDirs, repoRoot);
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
const exports = learned.sources.reduce((n, s) => n + s.fileCount, 0);
process.stdout.write(
  `catalog:learn: ${exports} exports from ${learned.sources.length} folder(s) → ${learned.entries.length} entries (${addresses} addresses, ${learned.contracts.length} contracts) in ${learned.files.size} files; ${written} written, ${removed} removed\n`,
);
if (written + removed > 0)
  process.stdout.write("catalog:learn: the catalog changed; run `npm run gen:cards` to regenerate the typed card factories\n");

/**
 * `npm run gen:cards`: regenerates the typed card factories (`src/cards/`) and the DSL's lists of allowed values
 * (`src/shapes/choices.ts`) from the built-in catalog (`catalog/`). Files are written only when their bytes
 * change; stale generated files are removed.
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCardFiles } from "../src/codegen/card-factories.js";
import { generateChoicesFile } from "../src/codegen/choices-file.js";
import { writeIfChanged } from "../src/catalog/file.js";
import { Catalog } from "../src/catalog/store.js";

const outDir = fileURLToPath(new URL("../src/cards/", import.meta.url));
const files = generateCardFiles(Catalog.builtin());
let written = 0;
for (const [path, text] of files) if (writeIfChanged(join(outDir, path), text)) written++;

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listTs(p) : n.endsWith(".ts") ? [p] : [];
  });
}
let removed = 0;
for (const p of listTs(outDir)) {
  if (!files.has(relative(outDir, p).split("\\").join("/"))) {
    rmSync(p);
    removed++;
  }
}
// The lists of allowed values the DSL's helpers type their options with (time zones, If/Else comparisons).
const choicesFile = fileURLToPath(new URL("../src/shapes/choices.ts", import.meta.url));
if (writeIfChanged(choicesFile, generateChoicesFile(Catalog.builtin()))) written++;
process.stdout.write(`gen:cards: ${files.size + 1} files; ${written} written, ${removed} removed\n`);

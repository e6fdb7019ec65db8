/**
 * Writes docs/simulated-cards.md from the export folders (default ../shared/flopacks and ../shared/community,
 * or the folders given as arguments), the simulator's library and the tests.
 * `npm run docs:cards [-- <folder>...]`
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { countDirs, DOC_PATH, renderDoc, testsOf } from "./cards-doc.js";

const repo = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const dirs = (args.length > 0 ? args : ["../shared/flopacks", "../shared/community"]).map((d) => resolve(repo, d));
for (const dir of dirs) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`docs:cards: ${dir} is not a folder of exports\n`);
    process.exit(2);
  }
}
const doc = renderDoc(countDirs(dirs), testsOf(repo));
writeFileAtomic(join(repo, DOC_PATH), doc);
process.stdout.write(`wrote ${DOC_PATH}\n`);

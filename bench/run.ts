/**
 * `npm run bench [-- <name filter>...]`: runs every bench/*.bench.ts module (see harness.ts for the contract),
 * prints a table per module and writes bench/.out/<module>.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { createHarness, formatReport, type Harness } from "./harness.js";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filters = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (modules.length === 0) {
  process.stderr.write(`no bench modules match ${filters.join(" ")}\n`);
  process.exitCode = 2;
}

const outDir = join(dir, ".out");
mkdirSync(outDir, { recursive: true });
for (const file of modules) {
  const name = file.replace(/\.bench\.ts$/, "");
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: (h: Harness) => Promise<void> };
  const { harness, report } = createHarness(name);
  if (typeof mod.default !== "function") harness.skip("the module has no default export run(h)");
  else await mod.default(harness);
  process.stdout.write(formatReport(report) + "\n\n");
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(report, null, 2) + "\n");
}

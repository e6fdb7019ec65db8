// `npm run build`: src/ → lib/, incremental, so that running it when nothing changed costs half a second (the test
// run builds lib/ this way before any test: test/support/global-setup.ts).
//   1. tsc --build (tsconfig.build.json: incremental, build info in lib/, so deleting lib/ rebuilds everything);
//   2. removes lib/ files whose source is gone (a module moved or deleted), which tsc leaves behind;
//   3. makes the CLI entry executable (tsc does not keep file modes);
//   4. writes the JSON Schema validator compiled ahead of time (src/format/schema-precompiled.ts): saves ajv's
//      compilation (0.3–0.7 s) in every cold validate/build/show.
// Exit 1 with the compiler's messages when the build fails.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const lib = join(root, "lib");
const src = join(root, "src");

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "--build", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
if (compiled.status !== 0) {
  process.stderr.write(`build: tsc failed (exit ${compiled.status ?? compiled.signal})\n`);
  process.exit(1);
}

/** lib/x/y.js and lib/x/y.d.ts come from src/x/y.ts; anything else under lib/ is ours (build info, validator). */
function pruneOrphans(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneOrphans(path);
      if (readdirSync(path).length === 0) rmdirSync(path);
      continue;
    }
    const stem = /^(.*?)(\.d\.ts|\.js)$/.exec(relative(lib, path))?.[1];
    if (stem !== undefined && !existsSync(join(src, `${stem}.ts`))) rmSync(path);
  }
}
pruneOrphans(lib);

const bin = join(lib, "cli/main.js");
if (existsSync(bin)) chmodSync(bin, 0o755);

const { flopackValidatorCode } = await import("../lib/format/schema-check.js");
const { PRECOMPILED_FILE } = await import("../lib/format/schema-precompiled.js");
writeIfChanged(join(lib, "format", PRECOMPILED_FILE), flopackValidatorCode());

/** Other processes (tests) may be reading the file: replace it whole, and only when it changes. */
function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  const tmp = join(dirname(file), `.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Runs once before any test file (vitest globalSetup):
 * - checks FLOCODE_CORPUS (the rule is in corpus.ts): a corpus that is named but unusable fails the run here,
 *   before any test; an absent one is said once;
 * - builds lib/ (`npm run build`: incremental, about half a second when nothing changed), so that the tests that
 *   run the built CLI as a process (test/support/cli.ts) never run a stale or missing build. A build that fails
 *   fails the run with the compiler's messages.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { CORPUS_SKIP_MESSAGE, corpus } from "./corpus.js";
import { REPO } from "./repo.js";

export default function setup(): void {
  if (!corpus()) console.log(`[flocode tests] ${CORPUS_SKIP_MESSAGE}`);
  const build = spawnSync(process.execPath, [join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (build.status !== 0) {
    const output = `${build.stdout}${build.stderr}`.trim();
    throw new Error(`the test run could not build lib/ (npm run build exited ${build.status ?? build.signal}):\n${output}`);
  }
}

/**
 * Every input the fuzz test found crashing (test/fuzz/regressions/) keeps the CLI contract under every fuzzed
 * command, and what import wrote of it goes through `flocode build` as in the fuzz. A crash still open in another
 * owner's module is expected as it is, so this test fails the day it is fixed: then delete its `open` entry.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildImported, commandsFor } from "./cases.js";
import { runMain } from "../support/cli.js";
import { contractBreach } from "./contract.js";
import { REGRESSIONS } from "./regressions/index.js";

const DIR = fileURLToPath(new URL("./regressions/", import.meta.url));
const ORIGINAL = fileURLToPath(new URL("../fixtures/minimal.flopack", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "flocode-fuzz-regressions-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("fuzz regressions", () => {
  it("lists every fixture of the folder", () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".flopack"))
      .sort();
    expect(REGRESSIONS.map((r) => r.file).sort()).toEqual(files);
  });

  for (const r of REGRESSIONS) {
    it(`${r.file}: ${r.what}`, async () => {
      const file = join(DIR, r.file);
      const out = mkdtempSync(join(work, "out-"));
      let imported = false;
      for (const [command, argv] of commandsFor(file, ORIGINAL, out)) {
        const run = await runMain(argv);
        if (command === "import") imported = run.status === 0;
        const breach = contractBreach(run);
        if (r.open && r.open.command === command) {
          expect(breach, `${command} no longer crashes: delete the open entry of ${r.file}`).toBe(r.open.breach);
        } else {
          expect(breach, command).toBeUndefined();
        }
      }
      // what import wrote builds, or build says in a located line of its own why not (as in the fuzz)
      if (imported) expect(buildImported([out], `${out}-dist`).breach, "build of what import wrote").toBeUndefined();
    }, 120_000);
  }
});

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEntry, REPO, runCli } from "../support/cli.js";

/**
 * Ctrl-C (SIGINT) or SIGTERM while `flocode build` writes its files: the signal waits for the write to end, so the
 * set of flopacks lands whole (byte-identical to an uninterrupted build), no temporary file is left, and the
 * process then ends as the signal asks. The test watches the output folder and signals the build the moment its
 * first temporary file appears.
 */
const work = mkdtempSync(join(tmpdir(), "flocode-interrupted-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(source: string, out: string) {
  return runCli(["build", source, "--out", out, "--no-checklist"]);
}

describe("Ctrl-C while writing", () => {
  /** Two flows of 8000 cards: about 11 MB each, so the write takes long enough to be caught. */
  function bigFlows(): string {
    const src = join(work, "big");
    mkdirSync(src, { recursive: true });
    for (const name of ["big-one", "big-two"])
      writeFileSync(
        join(src, `${name}.flow.ts`),
        `import { flow, manual } from "flocode";\nimport { kernel } from "flocode/cards";\n` +
          `export default flow({ name: ${JSON.stringify(name)}, description: "many cards", trigger: manual() }, (f) => {\n` +
          `  for (let i = 0; i < 8000; i++) f.add(kernel.string.toLowerCase({ string: \`Text \${i}\` }));\n});\n`,
      );
    return src;
  }

  /** Starts a build, waits for its first temporary file, sends `signal`; whether it caught the write, and the exit. */
  async function interrupt(src: string, out: string, signal: NodeJS.Signals) {
    const child = spawn(process.execPath, [cliEntry(), "build", src, "--out", out, "--no-checklist"], { cwd: REPO, stdio: "ignore" });
    const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (status, sig) => resolve({ status, signal: sig })),
    );
    let caught = false;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const names = existsSync(out) ? readdirSync(out) : [];
      if (names.some((n) => n.startsWith(".flocode-tmp-"))) {
        child.kill(signal);
        caught = true;
        break;
      }
      if (names.some((n) => n.endsWith(".flow"))) break; // the write went by between two looks
    }
    return { caught, ...(await exited) };
  }

  it("SIGINT and SIGTERM during the write: the set is written whole, no temporary file, the signal's exit", async () => {
    const src = bigFlows();
    const reference = join(work, "big-reference");
    expect(build(src, reference).status).toBe(0);
    let attempts = 0;
    const caught = new Set<string>();
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      // the write lasts tens of milliseconds: a look may miss it, then build again
      for (let tries = 0; tries < 3; tries++) {
        const out = join(work, `big-out-${attempts++}`);
        const r = await interrupt(src, out, signal);
        expect(
          readdirSync(out).filter((n) => n.startsWith(".flocode-")),
          signal,
        ).toEqual([]);
        if (!r.caught) continue;
        caught.add(signal);
        expect(r.signal).toBe(signal);
        expect(readdirSync(out).sort()).toEqual(["big-one.flow", "big-two.flow"]);
        for (const f of ["big-one.flow", "big-two.flow"])
          expect(readFileSync(join(out, f)).equals(readFileSync(join(reference, f))), f).toBe(true);
        break;
      }
    }
    expect([...caught], "a signal never reached a build while it was writing").toEqual(["SIGINT", "SIGTERM"]);
  }, 600_000);
});

/**
 * `npm test` is the one command CI runs, so the static checks run as tests: a type error anywhere (tests, scripts,
 * flows included: vitest itself only strips types), a lint error or an unformatted file is a failed test in the
 * closing line.
 * Both are incremental (.cache/), so they cost about a second each when little changed. They run side by side.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/repo.js";

function npmRun(script: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script], { cwd: REPO, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}

describe("static checks", () => {
  const typecheck = npmRun("typecheck");
  const lint = npmRun("lint");
  const format = npmRun("format:check");

  it("npm run typecheck (tsc --noEmit over src, test, flows, scripts, bench) is clean", async () => {
    const r = await typecheck;
    expect(r.output.trim()).toBe("");
    expect(r.status).toBe(0);
  });

  it("npm run lint is clean", async () => {
    const r = await lint;
    expect(r.output.trim()).toBe("");
    expect(r.status).toBe(0);
  });

  it("npm run format:check (prettier) is clean: `npm run format` fixes it", async () => {
    const r = await format;
    expect(r.output.trim()).toBe("");
    expect(r.status).toBe(0);
  });
});

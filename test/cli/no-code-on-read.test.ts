import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../review/fixture.js";
import { cliEntry, runCli } from "../support/cli.js";

/**
 * Reading never runs code: show, diff, graph and checklist refuse a flow source unless given `--run`, so a
 * repository that routes `*.flow.ts` to the textconv driver the README recommends (`flocode show`) cannot make
 * `git log -p` or `git diff` run its files. The hostile flow file writes a marker file when it runs.
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-no-code-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid flow file that writes `marker` when anything runs it. */
function hostileFlow(marker: string, name = "Notes"): string {
  return [
    `import { writeFileSync } from "node:fs";`,
    `import { flow, manual } from "flocode";`,
    `writeFileSync(${JSON.stringify(marker)}, "this file ran");`,
    `export default flow({ name: ${JSON.stringify(name)}, trigger: manual() });`,
    ``,
  ].join("\n");
}

describe("review commands never run a flow source unless asked", () => {
  const marker = join(dir, "ran-review");
  const source = join(dir, "notes.flow.ts");
  writeFileSync(source, hostileFlow(marker));
  const pack = join(dir, "pack.flopack");
  writeFileSync(pack, JSON.stringify(fixture()));

  for (const argv of [
    ["show", source],
    ["diff", pack, source],
    ["diff", source, pack],
    ["graph", source],
    ["checklist", source],
    ["show", source, "--json"],
  ]) {
    it(`flocode ${argv.join(" ")}: exit 2, one line naming --run, nothing ran`, () => {
      const run = runCli(argv);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `flocode: ${source}: a flow source is read by running its code; pass --run to compile it (only for files you trust)\n`,
      );
      expect(existsSync(marker)).toBe(false);
    });
  }

  it("--run compiles it (and so runs it)", () => {
    const run = runCli(["show", source, "--run"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("name: Notes");
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
  });
});

describe("git log -p and git diff with a hostile .gitattributes", () => {
  const repo = join(dir, "repo");
  const marker = join(dir, "ran-by-git");
  const wrapper = join(dir, "flocode");
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${cliEntry()}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: dir, LANG: "C", TZ: "UTC", GIT_PAGER: "cat", PAGER: "cat" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env });
  execFileSync("git", ["init", "-q", "-b", "main", repo], { env });
  git("config", "user.name", "flocode test");
  git("config", "user.email", "test@example.com");
  // the reader's own setup, exactly as the README gives it
  git("config", "diff.flopack.textconv", `${wrapper} show`);
  writeFileSync(join(repo, ".gitattributes"), "*.flopack diff=flopack\n");
  writeFileSync(join(repo, "report.flopack"), JSON.stringify(fixture()));
  git("add", ".");
  git("commit", "-q", "-m", "first export");
  // the hostile commit: route flow sources to the flopack driver and add one that writes a marker
  writeFileSync(join(repo, ".gitattributes"), "*.flopack diff=flopack\n*.flow.ts diff=flopack\n");
  writeFileSync(join(repo, "notes.flow.ts"), hostileFlow(marker));
  git("add", ".");
  git("commit", "-q", "-m", "add notes");

  it("the driver is live: git log -p shows the flopack through flocode show", () => {
    const r = spawnSync("git", ["log", "-p", "--", "report.flopack"], { cwd: repo, encoding: "utf8", env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("+flows:");
  });

  it("git log -p does not run notes.flow.ts", () => {
    const r = spawnSync("git", ["log", "-p"], { cwd: repo, encoding: "utf8", env });
    expect(r.stdout + r.stderr).toContain("a flow source is read by running its code");
    expect(existsSync(marker)).toBe(false);
  });

  it("git diff and git show of a changed notes.flow.ts do not run it either", () => {
    writeFileSync(join(repo, "notes.flow.ts"), hostileFlow(marker, "Notes 2"));
    const diff = spawnSync("git", ["diff"], { cwd: repo, encoding: "utf8", env });
    const show = spawnSync("git", ["show", "HEAD"], { cwd: repo, encoding: "utf8", env });
    expect(diff.stdout + diff.stderr).toContain("a flow source is read by running its code");
    expect(show.stdout + show.stderr).toContain("a flow source is read by running its code");
    expect(existsSync(marker)).toBe(false);
  });
});

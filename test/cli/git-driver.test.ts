import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { edited, fixture, IDS, method } from "../review/fixture.js";
import { cliEntry } from "../support/cli.js";
import { generatedIds, scramble } from "../support/scramble.js";

/**
 * `flocode show` as a git textconv driver, driven through a real `git diff` in a temporary repository,
 * configured exactly as the README says:
 *   .gitattributes: *.flow diff=flocode, *.folder diff=flocode, *.flopack diff=flocode
 *   git config diff.flocode.textconv "flocode show"
 * The `flocode` here is a wrapper script that runs the built CLI (test/support/cli.ts). git is required: the
 * project lives in git, and a missing git fails this test rather than skipping it.
 */
describe("git textconv driver", () => {
  const dir = mkdtempSync(join(tmpdir(), "flocode-git-"));
  const wrapper = join(dir, "flocode");
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${cliEntry()}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: dir, LANG: "C", TZ: "UTC" },
    });

  git("init", "-q", "-b", "main");
  git("config", "user.name", "flocode test");
  git("config", "user.email", "test@example.com");
  git("config", "diff.flocode.textconv", `${wrapper} show`);
  writeFileSync(join(dir, ".gitattributes"), "*.flow diff=flocode\n*.folder diff=flocode\n*.flopack diff=flocode\n");
  writeFileSync(join(dir, "report.flow"), JSON.stringify(fixture()));
  writeFileSync(join(dir, "team.folder"), JSON.stringify(fixture(), null, 2));
  writeFileSync(join(dir, "legacy.flopack"), JSON.stringify(fixture()));
  git("add", ".");
  git("commit", "-q", "-m", "first export");

  it("shows a one-constant change as a readable YAML hunk, without ids", () => {
    writeFileSync(
      join(dir, "report.flow"),
      JSON.stringify(
        scramble(
          edited((d) => (method(d, IDS.main, "okta00001").node.model.inputs.data.i_user0001.value.data = "ops@example.com")),
          5,
        ),
      ),
    );
    const out = git("diff");
    const changed = out.split("\n").filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toEqual(["-          ID or Login: admin@example.com", "+          ID or Login: ops@example.com"]);
    for (const id of generatedIds(fixture())) expect(out).not.toContain(id);
  });

  it("reads all three kinds (.flow, a pretty-printed .folder, .flopack) the same way", () => {
    const shown = ["report.flow", "team.folder", "legacy.flopack"].map((f) => git("cat-file", "--textconv", `HEAD:${f}`));
    expect(shown[0]).toContain("ID or Login: admin@example.com");
    expect(shown[1]).toBe(shown[0]);
    expect(shown[2]).toBe(shown[0]);
  });

  it("shows nothing for a re-export that only changed ids and storage order", () => {
    writeFileSync(join(dir, "report.flow"), JSON.stringify(scramble(fixture(), 6)));
    // The driver does run (an empty textconv output would make any diff empty).
    expect(git("cat-file", "--textconv", "HEAD:report.flow")).toContain("ID or Login: admin@example.com");
    const out = git("diff");
    expect(out.split("\n").filter((l) => /^[-+][^-+]/.test(l))).toEqual([]);
  });
});

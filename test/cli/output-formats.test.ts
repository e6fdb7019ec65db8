import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { colorEnabled, paint } from "../../src/cli/color.js";
import { escapeData, escapeProperty, findingAnnotation, githubAnnotation } from "../../src/cli/github-annotations.js";
import { runCli, runMain } from "../support/cli.js";

/** Output for CI and terminals: GitHub Actions annotations (--format github), --quiet, the one color rule. */
const work = mkdtempSync(join(tmpdir(), "flocode-output-formats-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("GitHub Actions annotations", () => {
  it("escape %, CR and LF in the message, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("a:b,c%d\ne")).toBe("a%3Ab%2Cc%25d%0Ae");
    expect(
      githubAnnotation({ level: "error", file: "flows/a,b:c.flow.ts", line: 3, column: 7, title: "FP1 x: y", message: "two\nlines 50%" }),
    ).toBe("::error file=flows/a%2Cb%3Ac.flow.ts,line=3,col=7,title=FP1 x%3A y::two%0Alines 50%25");
    expect(githubAnnotation({ level: "notice", message: "plain" })).toBe("::notice::plain");
  });

  it("a finding: its code and slug as the title, its pointer in the message, a warning as ::warning", () => {
    const finding = {
      code: "FP209",
      slug: "channel-parent-ids",
      severity: "warning" as const,
      message: "no id",
      pointer: "/data/x",
      file: "dist/a.flow",
    };
    expect(findingAnnotation(finding)).toBe("::warning file=dist/a.flow,title=FP209 channel-parent-ids::/data/x: no id");
    const positioned = { ...finding, severity: "error" as const, source: { file: "dist/a.flow", line: 2, column: 5 } };
    expect(findingAnnotation(positioned)).toBe("::error file=dist/a.flow,line=2,col=5,title=FP209 channel-parent-ids::/data/x: no id");
  });

  it("validate --format github: one annotation per finding, at the line and column of a JSON syntax error", async () => {
    const bad = join(work, "truncated.flow");
    writeFileSync(bad, '{"data":\n');
    const r = await runMain(["validate", bad, "--format", "github"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=[^,]*truncated\.flow,line=2,col=1,title=FP004 json-syntax::\/: invalid JSON/);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect((await runMain(["validate", bad, "--format", "sarif"])).status).toBe(2);
  });

  it("build --format github: each mistake on its line of the flow file; exit 1; can be given with a file format", () => {
    const r = runCli(["build", "test/fixtures/bad-flows/hour-25.flow.ts", "--out", join(work, "never"), "--format", "github"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=test\/fixtures\/bad-flows\/hour-25\.flow\.ts,line=\d+,col=\d+,title=flocode build hour-25::invalid time "25:00"/,
    );
    expect(r.stderr).toBe("flocode: build failed: 1 mistake in 1 of 1 target; nothing was written\n");
    const both = runCli([
      "build",
      "flows/m365-keepalive.flow.ts",
      "--out",
      join(work, "both"),
      "--format",
      "flopack",
      "--format",
      "github",
      "--quiet",
    ]);
    expect(both.status, both.stderr).toBe(0);
    expect(runCli(["build", "flows", "--format", "flow", "--format", "flopack"]).status).toBe(2);
  });
});

describe("--quiet", () => {
  it("build --quiet prints nothing when the build succeeds (no files-written lines, no checklist), and still the mistakes", () => {
    const ok = runCli(["build", "flows/m365-keepalive.flow.ts", "--out", join(work, "quiet"), "--quiet"]);
    expect(ok).toMatchObject({ status: 0, stdout: "", stderr: "" });
    const bad = runCli(["build", "test/fixtures/bad-flows/hour-25.flow.ts", "--out", join(work, "quiet"), "--quiet"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/hour-25\.flow\.ts:\d+:\d+: invalid time "25:00"/);
  });

  it("validate --quiet drops warnings, keeps errors", async () => {
    const built = join(work, "q");
    expect(runCli(["build", "flows/m365-keepalive.flow.ts", "--out", built, "--quiet"]).status).toBe(0);
    const loud = await runMain(["validate", join(built, "m365-keepalive.flow")]);
    expect(loud.stdout).toContain("(warning)");
    const quiet = await runMain(["validate", join(built, "m365-keepalive.flow"), "--quiet"]);
    expect(quiet).toMatchObject({ status: 0, stdout: "" });
  });
});

describe("color", () => {
  it("NO_COLOR turns it off, FORCE_COLOR on (and wins), otherwise only on a terminal that is not dumb", () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled(tty, { TERM: "dumb" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: "false" })).toBe(false);
  });

  it("paints with SGR codes only when enabled, and escapes control characters in the text either way", () => {
    expect(paint("green", "ok", true)).toBe("\u001b[32mok\u001b[39m");
    expect(paint("green", "ok", false)).toBe("ok");
    expect(paint("red", "a\u001b[2Jb", true)).toBe("\u001b[31ma\\u001B[2Jb\u001b[39m");
  });
});

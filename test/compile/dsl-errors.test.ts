import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";

const FIXTURES = join(REPO, "test/fixtures/bad-flows");

/**
 * Each fixture is a flow file with one DSL mistake, the message expected (`// expect: <regex>`) and the
 * offending call marked `// <-- here`. The build must fail with exit 1, name the file and that line, print no
 * stack trace, and write nothing.
 */
describe("DSL mistakes fail the build with file, line and a clear message", () => {
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".flow.ts"))
    .sort();
  it("has its fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of fixtures) {
    it(name, () => {
      const file = join(FIXTURES, name);
      const source = readFileSync(file, "utf8");
      const expected = new RegExp(/^\/\/ expect: (.*)$/m.exec(source)![1]!);
      const line = source.split("\n").findIndex((l) => l.includes("// <-- here")) + 1;
      const out = join(mkdtempSync(join(tmpdir(), "flocode-bad-")), "out");
      const r = runCli(["build", file, "--out", out]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).toContain(`${file}:${line}:`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("writes nothing at all when one of several targets fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "flocode-mixed-"));
    mkdirSync(join(dir, "flows"));
    copyFileSync(join(REPO, "flows/m365-keepalive.flow.ts"), join(dir, "flows/good.flow.ts"));
    copyFileSync(join(FIXTURES, "hour-25.flow.ts"), join(dir, "flows/bad.flow.ts"));
    const r = runCli(["build", join(dir, "flows"), "--out", join(dir, "dist")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("nothing was written");
    expect(existsSync(join(dir, "dist"))).toBe(false);
  });

  it("reports a missing path as a usage error (exit 2)", () => {
    const r = runCli(["build", "no/such/flows"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/flows: no such file or folder/);
  });
});

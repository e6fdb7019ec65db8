import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";

function buildAll(env: NodeJS.ProcessEnv): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), "flocode-det-"));
  const r = runCli(["build", "flows", "--out", out, "--no-checklist"], { env });
  expect(r.status, r.stderr).toBe(0);
  return new Map(
    readdirSync(out)
      .sort()
      .map((f) => [f, readFileSync(join(out, f), "utf8")]),
  );
}

describe("deterministic output", () => {
  it("gives identical bytes under different time zones and locales", () => {
    const a = buildAll({ TZ: "UTC", LANG: "C", LC_ALL: "C" });
    const b = buildAll({ TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" });
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a.size).toBeGreaterThanOrEqual(4);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
  });

  it("takes `created` from SOURCE_DATE_EPOCH, else a fixed epoch", () => {
    const fixed = JSON.parse(buildAll({}).get("m365-keepalive.flow")!);
    expect(fixed.created).toBe("2000-01-01T00:00:00.000Z");
    const dated = JSON.parse(buildAll({ SOURCE_DATE_EPOCH: "1767225600" }).get("m365-keepalive.flow")!);
    expect(dated.created).toBe("2026-01-01T00:00:00.000Z");
    // Nothing else changes with the date.
    expect({ ...dated, created: fixed.created }).toEqual(fixed);
  });

  it("refuses a malformed SOURCE_DATE_EPOCH", () => {
    const r = runCli(["build", "flows/m365-keepalive.flow.ts", "--out", mkdtempSync(join(tmpdir(), "flocode-sde-"))], {
      env: { SOURCE_DATE_EPOCH: "yesterday" },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/SOURCE_DATE_EPOCH must be a whole number of seconds/);
  });

  it("build --check passes on the committed dist/ and fails when a file drifted", () => {
    expect(runCli(["build", "--check"]).status).toBe(0);
    const out = mkdtempSync(join(tmpdir(), "flocode-check-"));
    expect(runCli(["build", "--out", out, "--no-checklist"]).status).toBe(0);
    writeFileSync(join(out, "m365-keepalive.flow"), readFileSync(join(REPO, "dist/m365-keepalive.flow"), "utf8").replace("/Me", "/You"));
    const r = runCli(["build", "--out", out, "--check"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("stale: ");
    expect(r.stdout).toContain("m365-keepalive.flow");
  });
});

describe("flow files anywhere", () => {
  it("builds a flow file in a folder with no package.json (flocode resolves to itself, the file is an ES module)", () => {
    const dir = mkdtempSync(join(tmpdir(), "flocode-nopkg-"));
    copyFileSync(join(REPO, "flows/m365-keepalive.flow.ts"), join(dir, "keepalive.flow.ts"));
    expect(existsSync(join(dir, "package.json"))).toBe(false);
    const r = runCli(["build", join(dir, "keepalive.flow.ts"), "--out", join(dir, "out"), "--no-checklist"], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "out/keepalive.flow"), "utf8")).toBe(readFileSync(join(REPO, "dist/m365-keepalive.flow"), "utf8"));
  });
});

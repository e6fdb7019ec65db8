/**
 * One format, three names (issue 12): every command reads a `.flow`, `.folder` or `.flopack` file, or any other
 * name, compact or pretty-printed, with or without a byte-order mark; `build` writes what Okta's console imports
 * (`.flow` for a flow file, `.folder` for a pack folder) unless `--format` says otherwise.
 * All inputs are written here from the project's own fixture (test/fixtures/minimal.flopack).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

const work = mkdtempSync(join(tmpdir(), "flocode-kinds-"));
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
const minimalText = readFileSync(join(REPO, "test/fixtures/minimal.flopack"), "utf8");
const minimal = JSON.parse(minimalText) as unknown;

/** The same export under each name and in each form Okta writes or editors leave. */
const kinds: Array<[string, string]> = [
  ["compact .flow", "daily.flow"],
  ["pretty-printed .folder (2 spaces)", "team.folder"],
  ["tab-indented .flopack with a byte-order mark", "legacy.flopack"],
  ["any other name, with a BOM and CRLF line ends", "download.json"],
];
const texts: Record<string, string> = {
  "daily.flow": JSON.stringify(minimal),
  "team.folder": JSON.stringify(minimal, null, 2),
  "legacy.flopack": "\uFEFF" + JSON.stringify(minimal, null, "\t"),
  "download.json": "\uFEFF" + JSON.stringify(minimal, null, 4).replace(/\n/g, "\r\n"),
};
for (const [name, text] of Object.entries(texts)) writeFileSync(join(work, name), text);
const at = (name: string) => join(work, name);

describe("every command reads every kind of export", () => {
  it.each(kinds)("validate: %s is valid, without a warning", (_what, name) => {
    const r = runCli(["validate", at(name)]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("1 file checked: all valid (0 errors, 0 warnings)\n");
  });

  it("show, graph and checklist print the same for all of them; diff finds no difference between any two", () => {
    for (const command of ["show", "graph", "checklist"]) {
      const outputs = kinds.map(([, name]) => runCli([command, at(name)]));
      for (const o of outputs) expect(o.status, `${command}: ${o.stderr}`).toBe(0);
      for (const o of outputs) expect(o.stdout, command).toBe(outputs[0]!.stdout);
    }
    for (const [, a] of kinds)
      for (const [, b] of kinds) expect(runCli(["diff", at(a), at(b)]), `${a} vs ${b}`).toMatchObject({ status: 0, stdout: "" });
  });

  it.each(kinds)("import: %s becomes a pack folder named after the file, which builds back into it", (_what, name) => {
    const base = name.slice(0, name.lastIndexOf("."));
    const out = join(work, "imported", base);
    const r = runCli(["import", at(name), "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, "pack.ts"), "utf8")).toContain(`name: ${JSON.stringify(base === "download" ? "download.json" : base)}`);
    const dist = join(work, "imported-dist", base);
    expect(runCli(["build", out, "--out", dist, "--no-checklist"]).status).toBe(0);
    const built = JSON.parse(readFileSync(join(dist, `${base}.folder`), "utf8"));
    expect(firstDifference(normaliseFlopack(minimal as never), normaliseFlopack(built))).toBeUndefined();
  });

  it("catalog learn takes all of them", () => {
    const catalogFile = join(work, "learned.catalog.json");
    const r = runCli(["catalog", "learn", ...kinds.map(([, name]) => at(name)), "--out", catalogFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/already built in/);
  });
});

describe("build: what the console imports, or the format asked for", () => {
  const flowFile = join(REPO, "flows/m365-keepalive.flow.ts");
  const packFolder = join(REPO, "flows/group-audit");

  it("writes a .flow file for a flow file and a .folder file for a pack folder by default", () => {
    const out = join(work, "console");
    const r = runCli(["build", flowFile, packFolder, "--out", out, "--no-checklist"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["group-audit.folder", "m365-keepalive.flow"]);
    expect(r.stdout).toBe(`wrote ${join(out, "group-audit.folder")}\nwrote ${join(out, "m365-keepalive.flow")}\n`);
  });

  it.each(["flow", "folder", "flopack"])("--format %s writes that extension for every target, the same bytes", (format) => {
    const out = join(work, `format-${format}`);
    expect(runCli(["build", flowFile, packFolder, "--out", out, "--no-checklist", "--format", format]).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`group-audit.${format}`, `m365-keepalive.${format}`]);
    const console = join(work, "console");
    expect(readFileSync(join(out, `m365-keepalive.${format}`), "utf8")).toBe(readFileSync(join(console, "m365-keepalive.flow"), "utf8"));
    expect(readFileSync(join(out, `group-audit.${format}`), "utf8")).toBe(readFileSync(join(console, "group-audit.folder"), "utf8"));
  });

  it("refuses an unknown format with a usage error", () => {
    const r = runCli(["build", flowFile, "--out", join(work, "bogus"), "--format", "zip"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('flocode: --format must be console, flow, folder, flopack or github, not "zip"\n');
    expect(existsSync(join(work, "bogus"))).toBe(false);
  });

  it("a file a target left in another format: --check reports it, build removes it, another target's file stays", () => {
    const out = join(work, "leftovers");
    expect(runCli(["build", flowFile, packFolder, "--out", out, "--no-checklist", "--format", "flopack"]).status).toBe(0);
    // A file of another target that only shares the base name (a pack folder named m365-keepalive) is not touched.
    writeFileSync(join(out, "m365-keepalive.folder"), "not this target's");
    const check = runCli(["build", flowFile, packFolder, "--out", out, "--check"]);
    expect(check.status).toBe(1);
    expect(
      check.stdout
        .split("\n")
        .filter((l) => l.includes("left by a build in another format"))
        .sort(),
    ).toEqual([
      `stale: ${join(out, "group-audit.flopack")} (left by a build in another format; flocode build removes it)`,
      `stale: ${join(out, "m365-keepalive.flopack")} (left by a build in another format; flocode build removes it)`,
    ]);
    const build = runCli(["build", flowFile, packFolder, "--out", out, "--no-checklist"]);
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toContain(`removed ${join(out, "m365-keepalive.flopack")} (left by a build in another format)`);
    expect(readdirSync(out).sort()).toEqual(["group-audit.folder", "m365-keepalive.flow", "m365-keepalive.folder"]);
    expect(runCli(["build", flowFile, packFolder, "--out", out, "--check"])).toMatchObject({ status: 0, stdout: "2 files up to date\n" });
  });
});

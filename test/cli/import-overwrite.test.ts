import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli, runMain } from "../support/cli.js";

/**
 * Import never loses a user's work: it overwrites only files it wrote and nobody changed since (the manifest
 * .flocode-import.json), removes the files a re-import makes stale (reports edited ones), and its default output
 * folder is always a folder of its own.
 */
const work = mkdtempSync(join(tmpdir(), "flocode-import-overwrite-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const minimal = join(REPO, "test/fixtures/minimal.flopack");

/** The files of `dir` (one level): name → text. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

/** A copy of the minimal fixture whose flow has another name (so another flow file). */
function renamedFlow(name: string): string {
  const pack = JSON.parse(readFileSync(minimal, "utf8"));
  for (const flo of Object.values(pack.data.flos as Record<string, { name: string }>)) flo.name = name;
  const file = join(work, `${name.replace(/\W/g, "-")}.flopack`);
  writeFileSync(file, JSON.stringify(pack));
  return file;
}

describe("import overwrites only what it wrote", () => {
  it("a re-import of the same file changes nothing and needs no --force", async () => {
    const out = join(work, "same");
    expect((await runMain(["import", minimal, "--out", out])).status).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before).sort()).toEqual([".flocode-import.json", "daily-check.flow.ts", "pack.ts", "resources.ts"]);
    const again = await runMain(["import", minimal, "--out", out]);
    expect(again.status, again.stderr).toBe(0);
    expect(snapshot(out)).toEqual(before);
  });

  it("refuses to overwrite an edited file (exit 2, every file named, nothing written); --force overwrites", async () => {
    const out = join(work, "edited");
    await runMain(["import", minimal, "--out", out]);
    const flowFile = join(out, "daily-check.flow.ts");
    writeFileSync(flowFile, readFileSync(flowFile, "utf8") + "// my change\n");
    writeFileSync(join(out, "pack.ts"), "// mine\n");
    const before = snapshot(out);
    const r = await runMain(["import", minimal, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `flocode: import would overwrite 2 files it did not write or that changed since: ${flowFile}, ${join(out, "pack.ts")}; nothing was written (--force overwrites)\n`,
    );
    expect(snapshot(out)).toEqual(before);
    const forced = await runMain(["import", minimal, "--out", out, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(flowFile, "utf8")).not.toContain("// my change");
  });

  it("refuses to overwrite a file of a folder it never wrote into", async () => {
    const out = join(work, "theirs");
    mkdirSync(out);
    writeFileSync(join(out, "pack.ts"), "export default 'my own pack';\n");
    const r = await runMain(["import", minimal, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(out, "pack.ts"));
    expect(readFileSync(join(out, "pack.ts"), "utf8")).toBe("export default 'my own pack';\n");
    expect(existsSync(join(out, "resources.ts"))).toBe(false);
  });

  it("another pack into the same folder removes the old flow file; an edited one is kept and reported", async () => {
    const out = join(work, "stale");
    await runMain(["import", minimal, "--out", out]);
    const first = await runMain(["import", renamedFlow("Weekly check"), "--out", out, "--json"]);
    expect(first.status, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as { removed: string[] }).removed).toEqual([join(out, "daily-check.flow.ts")]);
    expect(existsSync(join(out, "daily-check.flow.ts"))).toBe(false);
    expect(existsSync(join(out, "weekly-check.flow.ts"))).toBe(true);

    writeFileSync(join(out, "weekly-check.flow.ts"), readFileSync(join(out, "weekly-check.flow.ts"), "utf8") + "// notes\n");
    const second = await runMain(["import", renamedFlow("Monthly check"), "--out", out]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toBe(
      `flocode: warning: ${join(out, "weekly-check.flow.ts")}: no longer part of this import, but changed since flocode wrote it: kept\n`,
    );
    expect(existsSync(join(out, "weekly-check.flow.ts"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, ".flocode-import.json"), "utf8")) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual(["monthly-check.flow.ts", "pack.ts", "resources.ts"]);
  });

  it("a manifest naming paths outside the folder removes nothing there", async () => {
    const out = join(work, "hostile");
    await runMain(["import", minimal, "--out", out]);
    const victim = join(work, "victim.txt");
    writeFileSync(victim, "keep me");
    const manifestFile = join(out, ".flocode-import.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    manifest.files["../victim.txt"] = "9b4c2cf0e5a3b6e8d1f0c8a7b2e4d6f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3";
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expect((await runMain(["import", minimal, "--out", out])).status).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("keep me");
  });
});

describe("the default output folder", () => {
  it("`flocode import ...flopack` writes flows/imported/, never pack.ts into the current folder", () => {
    const cwd = join(work, "cwd");
    mkdirSync(cwd);
    writeFileSync(join(cwd, "...flopack"), readFileSync(minimal));
    writeFileSync(join(cwd, "pack.ts"), "// the user's own pack\n");
    const r = runCli(["import", "...flopack"], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(cwd, "pack.ts"), "utf8")).toBe("// the user's own pack\n");
    expect(existsSync(join(cwd, "flows", "imported", "pack.ts"))).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(["...flopack", "flows", "pack.ts"]);
  });
});

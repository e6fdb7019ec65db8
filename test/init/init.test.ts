/**
 * `flocode init`: what it writes into an empty repository, that running it again changes nothing and says so,
 * that a user's files are merged or kept (never overwritten without --force), and that a failure writes nothing.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, runCli, runMain } from "../support/cli.js";

const FILES = [
  ".github/workflows/flocode.yml",
  ".gitattributes",
  ".gitignore",
  "flows/m365-keepalive.flow.ts",
  "package.json",
  "test/m365-keepalive.test.ts",
  "tsconfig.json",
];
const VERSION = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(git: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "flocode-init-"));
  dirs.push(dir);
  if (git) spawnSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

function gitConfig(dir: string): string {
  return spawnSync("git", ["config", "--get", "diff.flocode.textconv"], { cwd: dir, encoding: "utf8" }).stdout.trim();
}

/** Every file under dir (but .git) with its content and modification time. */
function snapshot(dir: string): Record<string, { text: string; mtime: number }> {
  const out: Record<string, { text: string; mtime: number }> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.name === ".git") continue;
      if (e.isDirectory()) walk(full);
      else out[relative(dir, full)] = { text: readFileSync(full, "utf8"), mtime: statSync(full).mtimeMs };
    }
  };
  walk(dir);
  return out;
}

describe("flocode init", () => {
  it("sets up an empty git repository, and a second run changes nothing and says so", async () => {
    const dir = tempDir(true);
    const first = await runMain(["init", dir]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    for (const f of FILES) expect(first.stdout).toMatch(new RegExp(`^  created +${f.replace(/\./g, "\\.")}$`, "m"));
    expect(first.stdout).toMatch(/^ {2}set +git config diff\.flocode\.textconv "flocode show"$/m);
    expect(first.stdout).toContain("npm install");
    expect(Object.keys(snapshot(dir)).sort()).toEqual([...FILES].sort());
    expect(gitConfig(dir)).toBe("flocode show");

    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg.scripts).toEqual({
      build: "flocode build",
      check: "flocode build --check && flocode validate dist/*",
      test: "vitest run",
      typecheck: "tsc --noEmit -p .",
    });
    expect(pkg.devDependencies).toEqual({
      flocode: `^${VERSION}`,
      typescript: expect.stringMatching(/^\^\d/),
      vitest: expect.stringMatching(/^\^\d/),
    });
    expect(pkg.type).toBe("module");
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe("*.flow diff=flocode\n*.folder diff=flocode\n*.flopack diff=flocode\n");
    const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as {
      compilerOptions: Record<string, unknown>;
      include: string[];
    };
    expect(tsconfig.compilerOptions).toMatchObject({ moduleResolution: "Bundler", strict: true, noEmit: true });
    expect(tsconfig.include).toEqual(["flows", "test"]);

    const before = snapshot(dir);
    const second = await runMain(["init", dir]);
    expect(second.status).toBe(0);
    for (const f of FILES) expect(second.stdout).toMatch(new RegExp(`^  unchanged +${f.replace(/\./g, "\\.")}$`, "m"));
    expect(second.stdout).toContain("Nothing to do: this repository is already set up for flocode.");
    expect(snapshot(dir)).toEqual(before);
  });

  it("the example flow is the README's M365 Keepalive, as flocode's own flows/ has it", async () => {
    const { EXAMPLE_FLOW } = await import("../../src/init/templates.js");
    expect(EXAMPLE_FLOW).toBe(readFileSync(join(REPO, "flows/m365-keepalive.flow.ts"), "utf8"));
  });

  it("merges into a user's package.json and .gitattributes, keeps what differs, and --force replaces it", async () => {
    const dir = tempDir(true);
    const userPkg = {
      name: "okta-flows",
      description: "our flows",
      scripts: { test: "jest", lint: "eslint ." },
      dependencies: { typescript: "5.4.0" },
      license: "MIT",
    };
    writeFileSync(join(dir, "package.json"), JSON.stringify(userPkg, null, 4) + "\n");
    writeFileSync(join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }\n');
    writeFileSync(join(dir, ".gitattributes"), "*.png binary\n*.flow diff=flocode");
    spawnSync("git", ["config", "diff.flocode.textconv", "/opt/flocode/bin/flocode show"], { cwd: dir });

    const r = await runMain(["init", dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^ {2}merged +package\.json \(added scripts\.build, scripts\.check, scripts\.typecheck, devDependencies\.flocode, devDependencies\.vitest; kept scripts\.test \(differs: use --force to replace\)\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}kept +tsconfig\.json \(differs: use --force to replace it\)$/m);
    expect(r.stdout).toMatch(/^ {2}merged +\.gitattributes \(added \*\.folder diff=flocode, \*\.flopack diff=flocode\)$/m);
    expect(r.stdout).toMatch(
      /^ {2}kept +git config diff\.flocode\.textconv "\/opt\/flocode\/bin\/flocode show" \(differs from "flocode show": use --force/m,
    );
    const merged = readFileSync(join(dir, "package.json"), "utf8");
    expect(merged).toMatch(/^\{\n {4}"name": "okta-flows",\n {4}"description"/); // the user's indentation and key order
    expect(JSON.parse(merged)).toEqual({
      ...userPkg,
      scripts: {
        test: "jest",
        lint: "eslint .",
        build: "flocode build",
        check: "flocode build --check && flocode validate dist/*",
        typecheck: "tsc --noEmit -p .",
      },
      devDependencies: { flocode: `^${VERSION}`, vitest: expect.any(String) },
    });
    expect(readFileSync(join(dir, "tsconfig.json"), "utf8")).toBe('{ "compilerOptions": { "strict": true } }\n');
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe(
      "*.png binary\n*.flow diff=flocode\n*.folder diff=flocode\n*.flopack diff=flocode\n",
    );

    const again = await runMain(["init", dir]);
    expect(again.stdout).toMatch(/^ {2}kept +package\.json \(kept scripts\.test/m);
    expect(again.stdout).toContain("Nothing to do");

    const forced = await runMain(["init", dir, "--force", "--json"]);
    expect(forced.status).toBe(0);
    const report = JSON.parse(forced.stdout) as {
      files: Array<{ path: string; status: string; note?: string }>;
      git: { status: string };
      changed: boolean;
    };
    expect(report.changed).toBe(true);
    expect(report.files.find((f) => f.path === "package.json")).toEqual({
      path: "package.json",
      status: "merged",
      note: "replaced scripts.test",
    });
    expect(report.files.find((f) => f.path === "tsconfig.json")?.status).toBe("overwritten");
    expect(report.git.status).toBe("replaced");
    expect(gitConfig(dir)).toBe("flocode show");
    const forcedPkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as typeof userPkg;
    expect(forcedPkg.scripts.test).toBe("vitest run");
    expect(forcedPkg.scripts.lint).toBe("eslint .");
    expect(forcedPkg.license).toBe("MIT");
  });

  it("outside a git repository prints the git config command, and creates a missing folder", async () => {
    const parent = tempDir(false);
    const dir = join(parent, "Okta Flows");
    const r = await runMain(["init", dir, "--json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { files: Array<{ status: string }>; git: Record<string, string> };
    expect(report.files.every((f) => f.status === "created")).toBe(true);
    expect(report.git).toEqual({
      key: "diff.flocode.textconv",
      value: "flocode show",
      status: "printed",
      note: 'not a git repository: after git init, run git config diff.flocode.textconv "flocode show"',
    });
    expect((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string }).name).toBe("okta-flows");
  });

  it("writes nothing when it cannot do all: a broken package.json, a folder in the way", async () => {
    const dir = tempDir(true);
    writeFileSync(join(dir, "package.json"), '{ "name": "x", }');
    const broken = await runMain(["init", dir]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^flocode: package\.json: not valid JSON \(.+\); fix it, then run flocode init again\n$/);
    expect(readdirSync(dir).sort()).toEqual([".git", "package.json"]);
    expect(gitConfig(dir)).toBe("");

    rmSync(join(dir, "package.json"));
    mkdirSync(join(dir, ".github/workflows/flocode.yml"), { recursive: true });
    const blocked = await runMain(["init", dir]);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/: a folder is in the way of the file init writes there\n$/);
    expect(readdirSync(dir).sort()).toEqual([".git", ".github"]);
    expect(existsSync(join(dir, "flows"))).toBe(false);
  });

  it("--install runs npm install in the folder after writing; a failed install is exit 2 with the files written", () => {
    const dir = tempDir(true);
    const bin = tempDir(false);
    // a stand-in npm: records where it ran, fails when asked to
    writeFileSync(join(bin, "npm"), '#!/bin/sh\necho "$PWD $*" > "$NPM_LOG"\n[ -z "$NPM_FAIL" ]\n');
    chmodSync(join(bin, "npm"), 0o755);
    const env = { PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`, NPM_LOG: join(bin, "log") };
    const ok = runCli(["init", dir, "--install", "--json"], { env });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ installed: true, changed: true });
    expect(readFileSync(join(bin, "log"), "utf8")).toBe(`${dir} install\n`);

    const failed = runCli(["init", join(dir, "sub"), "--install"], { env: { ...env, NPM_FAIL: "1" } });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/^flocode: npm install failed in .*sub \(exit 1\); the files are written: run npm install there\n$/);
    expect(existsSync(join(dir, "sub/package.json"))).toBe(true);
  });

  it("--help teaches what it writes, --force, offline, and examples", async () => {
    const r = await runMain(["init", "--help"]);
    expect(r.status).toBe(0);
    for (const text of [
      "tsconfig.json",
      ".github/workflows/flocode.yml",
      "--force",
      "offline",
      "--install",
      "Examples:",
      "diff.flocode.textconv",
    ])
      expect(r.stdout).toContain(text);
  });
});

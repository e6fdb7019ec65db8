import type { Command } from "commander";
import { spawnSync } from "node:child_process";
import { lstatSync, readFileSync } from "node:fs";
import { basename, delimiter, join, resolve } from "node:path";
import { UserError } from "../util/errors.js";

interface InitCliOptions {
  force?: boolean;
  install?: boolean;
  json?: boolean;
  textconv: string;
}

const HELP = `
What it sets up (each file reported: created, unchanged, merged, kept or overwritten):
  package.json                  scripts build, check, test, typecheck; devDependencies flocode, typescript, vitest
                                (created, or merged into yours: your scripts and versions are kept)
  tsconfig.json                 type-checks flows/ and test/ (imports of flocode, flocode/cards, flocode/testing)
  flows/m365-keepalive.flow.ts  an example flow (build it: npm run build → dist/m365-keepalive.flow)
  test/m365-keepalive.test.ts   its test: flocode/testing runs the flow here, the connector mocked (npm test)
  .gitattributes, .gitignore    *.flow, *.folder, *.flopack diff=flocode; node_modules/
  .github/workflows/flocode.yml on every pull request: build --check, validate, type-check, tests, and one
                                comment with the diff and graph of every changed flow (flocode pr-comment)
  git config diff.flocode.textconv "flocode show"   readable git diff of exports (printed when not a git repository)

Safe to run again: what is already set up is left as it is ("nothing to do"). A file of yours that differs is
kept and reported; --force replaces it (package.json: your other keys always stay). Works offline: nothing is
installed unless --install (npm install). All files are written, or none.

Examples:
  $ npx flocode init                 # this folder
  $ npx flocode init okta-flows      # a new folder
  $ npx flocode init --install --json`;

/** `flocode init [dir]`: sets up a repository for flows. */
export function registerInit(program: Command): void {
  program
    .command("init")
    .description(
      "set up a repository for flows: package.json scripts, tsconfig, an example flow and its test, readable git diffs, a pull-request workflow",
    )
    .argument("[dir]", "the repository's folder (created when missing)", ".")
    .option("--force", "replace files of yours that differ from what init writes")
    .option("--install", "run npm install afterwards")
    .option("--textconv <command>", "the git diff driver command for exports", "flocode show")
    .option("--json", "machine-readable output: {dir, files: [{path, status, note}], git, changed}")
    .addHelpText("after", HELP)
    .action(async (dir: string, opts: InitCliOptions) => {
      const { planInit, packageNameFor, writes } = await import("../init/plan.js");
      const { readTextFile } = await import("../format/parse.js");
      const { writeFilesAtomic } = await import("../util/atomic-write.js");
      const root = resolve(dir);
      const rootStat = lstatSync(root, { throwIfNoEntry: false });
      if (rootStat && !rootStat.isDirectory()) throw new UserError(`${dir}: not a folder`, 2);

      const read = (path: string): string | undefined => {
        const full = join(root, path);
        const stat = lstatSync(full, { throwIfNoEntry: false });
        if (!stat) return undefined;
        if (stat.isDirectory()) throw new UserError(`${join(dir, path)}: a folder is in the way of the file init writes there`, 2);
        const text = readTextFile(full);
        if (!text.ok)
          throw new UserError(
            text.findings[0]?.message ? `${join(dir, path)}: ${text.findings[0].message}` : `${join(dir, path)}: cannot read`,
            2,
          );
        return text.text;
      };
      const plan = planInit(read, { force: opts.force === true, projectName: packageNameFor(basename(root)), versions: toolVersions() });
      writeFilesAtomic(plan.filter(writes).map((f) => ({ path: join(root, f.path), content: f.content })));

      const gitConfig = configureTextconv(root, opts.textconv, opts.force === true);
      const changed = plan.some(writes) || gitConfig.status === "set" || gitConfig.status === "replaced";
      let installed: boolean | undefined;
      if (opts.install) installed = npmInstall(root, opts.json === true);

      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ dir: root, files: plan.map(({ content: _, ...f }) => f), git: gitConfig, changed, ...(installed !== undefined ? { installed } : {}) }, null, 2)}\n`,
        );
      } else {
        const width = Math.max(...plan.map((f) => f.status.length));
        const lines = plan.map((f) => `  ${f.status.padEnd(width)}  ${f.path}${f.note ? ` (${f.note})` : ""}`);
        lines.push(
          `  ${gitConfig.status.padEnd(width)}  git config ${gitConfig.key} "${gitConfig.value}"${gitConfig.note ? ` (${gitConfig.note})` : ""}`,
        );
        process.stdout.write(`flocode init: ${root}\n${lines.join("\n")}\n`);
        if (!changed) process.stdout.write("Nothing to do: this repository is already set up for flocode.\n");
        else process.stdout.write(nextSteps(dir, opts.install === true, gitConfig));
      }
      process.exitCode = 0;
    });
}

/** flocode's version, and the TypeScript and vitest versions flocode itself is built and tested with. */
function toolVersions(): { flocode: string; typescript: string; vitest: string } {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
    devDependencies?: Record<string, string>;
  };
  const plain = (v: string | undefined, fallback: string): string => (v ?? fallback).replace(/^[\^~]/, "");
  return {
    flocode: pkg.version,
    typescript: plain(pkg.devDependencies?.typescript, "5.9.0"),
    vitest: plain(pkg.devDependencies?.vitest, "4.0.0"),
  };
}

interface GitConfigResult {
  key: string;
  value: string;
  /** set, unchanged, replaced, kept (differs), printed (not a git repository: run it yourself) */
  status: "set" | "unchanged" | "replaced" | "kept" | "printed";
  note?: string;
}

function git(root: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string; missing: boolean } {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", missing: r.error !== undefined };
}

/** `git config diff.flocode.textconv <command>` in the repository; printed when the folder is not in one. */
function configureTextconv(root: string, value: string, force: boolean): GitConfigResult {
  const key = "diff.flocode.textconv";
  const inRepo = git(root, ["rev-parse", "--is-inside-work-tree"]);
  if (inRepo.missing || inRepo.status !== 0 || inRepo.stdout.trim() !== "true")
    return { key, value, status: "printed", note: `not a git repository: after git init, run git config ${key} "${value}"` };
  const current = git(root, ["config", "--get", key]);
  const have = current.status === 0 ? current.stdout.trim() : undefined;
  if (have === value) return { key, value, status: "unchanged" };
  if (have !== undefined && !force) return { key, value: have, status: "kept", note: `differs from "${value}": use --force to replace it` };
  const set = git(root, ["config", key, value]);
  if (set.status !== 0) throw new UserError(`git config ${key}: ${set.stderr.trim().split("\n")[0] ?? "failed"}`, 2);
  return { key, value, status: have === undefined ? "set" : "replaced" };
}

function npmInstall(root: string, quietStdout: boolean): boolean {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["install"], { cwd: root, stdio: ["ignore", quietStdout ? process.stderr : "inherit", "inherit"] });
  if (r.error || r.status !== 0)
    throw new UserError(
      `npm install failed in ${root} (${r.error ? r.error.message : `exit ${r.status}`}); the files are written: run npm install there`,
      2,
    );
  return true;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .some((dir) => dir !== "" && lstatSync(join(dir, command), { throwIfNoEntry: false }) !== undefined);
}

function nextSteps(dir: string, installed: boolean, gitConfig: GitConfigResult): string {
  const steps = [
    ...(dir === "." ? [] : [`cd ${dir}`]),
    ...(installed ? [] : ["npm install"]),
    "npm run build      # flows/ → dist/ (commit dist/: the pull-request workflow checks it)",
    "npm test           # the flow tests",
  ];
  const out = [`Next:\n${steps.map((s) => `  ${s}`).join("\n")}\n`];
  const driver = gitConfig.value.split(" ")[0] ?? "";
  if (gitConfig.status !== "printed" && driver !== "" && !driver.includes("/") && !onPath(driver))
    out.push(
      `Note: git diff runs "${gitConfig.value}", and ${driver} is not on PATH: npm install -g flocode (or give --textconv an absolute path)\n`,
    );
  return out.join("");
}

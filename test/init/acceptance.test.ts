/**
 * Issue 15's acceptance, as a new user goes: `flocode init` in an empty git repository, flocode installed from
 * `npm pack` of this checkout (one pack and one install per run: the npm cache answers what it holds, the registry
 * the rest), then build, the example flow's test, the type-check, `npm run check`, and `git diff` of a changed
 * built file showing `flocode show`'s readable view through the textconv driver init configured. Skipped (with
 * npm's reason) only when npm cannot reach a registry or its cache.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";

/** npm's answers when it cannot get packages at all (no network, nothing cached): the one reason to skip. */
const NPM_UNREACHABLE = /\b(ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b/;

let work: string;
let project: string;
let installError: string | undefined;

/** The environment of a user's shell: no trace of the vitest run this test is part of. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(VITEST|NODE_OPTIONS$|FLOCODE_|npm_|SOURCE_DATE_EPOCH$|TEST$|NODE_ENV$)/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function run(command: string, args: readonly string[], extra: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd: project, env: userEnv(extra), encoding: "utf8", timeout: 300_000, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r;
}

function git(...args: string[]): SpawnSyncReturns<string> {
  return run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args]);
}

const output = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "flocode-accept-"));
  project = join(work, "okta-flows");
  // lib/ is built by the test run's global setup: pack it as it is
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", work, "--json"], {
    cwd: REPO,
    env: userEnv(),
    encoding: "utf8",
  });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const tarball = join(work, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]!.filename);

  spawnSync("mkdir", [project]);
  run("git", ["init", "-q"]);
  const init = runCli(["init"], { cwd: project });
  if (init.status !== 0) throw new Error(`flocode init failed: ${init.stderr}`);

  const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball]);
  if (install.status !== 0) {
    if (NPM_UNREACHABLE.test(install.stderr)) installError = install.stderr.trim().split("\n").slice(-3).join(" | ");
    else throw new Error(`npm install of the packed flocode failed:\n${output(install)}`);
  }
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a team's repository set up by flocode init, flocode installed from npm pack", () => {
  it("builds, runs the example flow's test, type-checks, and git diff shows a changed built file readably", (ctx) => {
    if (installError !== undefined) ctx.skip(`npm could not install (no registry, nothing cached): ${installError}`);
    const bin = join(project, "node_modules/.bin");
    expect(existsSync(join(bin, "flocode"))).toBe(true);

    const build = run("npx", ["flocode", "build"]);
    expect(build.status, output(build)).toBe(0);
    const built = join(project, "dist/m365-keepalive.flow");
    expect(JSON.parse(readFileSync(built, "utf8"))).toMatchObject({ type: "flopack" });

    const test = run("npm", ["test"]);
    expect(test.status, output(test)).toBe(0);
    expect(test.stdout).toMatch(/Tests\s+.*2 passed/);

    const typecheck = run("npx", ["tsc", "--noEmit", "-p", "."]);
    expect(typecheck.status, output(typecheck)).toBe(0);
    // ...and the tsconfig does check flow files: a wrong choice is a type error at its line
    const flowFile = join(project, "flows/m365-keepalive.flow.ts");
    const flow = readFileSync(flowFile, "utf8");
    writeFileSync(flowFile, flow.replace('requestType: "GET"', 'requestType: "FETCH"'));
    const wrong = run("npx", ["tsc", "--noEmit", "-p", "."]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/flows\/m365-keepalive\.flow\.ts\(\d+,\d+\): error TS2322: Type '"FETCH"'/);
    writeFileSync(flowFile, flow);

    const check = run("npm", ["run", "check"]);
    expect(check.status, output(check)).toBe(0);

    git("add", "-A");
    expect(git("commit", "-qm", "flows").status).toBe(0);
    writeFileSync(flowFile, flow.replace('at: "02:00"', 'at: "03:30"'));
    expect(run("npx", ["flocode", "build", "--no-checklist"]).status).toBe(0);

    // `flocode show` on PATH, as an installed flocode is: git runs the driver init configured
    const diff = git("diff", "--", "dist");
    const withDriver = run("git", ["diff", "--", "dist"], { PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` });
    expect(withDriver.status, output(withDriver)).toBe(0);
    expect(withDriver.stdout).toContain("diff --git a/dist/m365-keepalive.flow b/dist/m365-keepalive.flow");
    expect(withDriver.stdout).toMatch(/^-\s+schedule: every week on Sunday and Wednesday at 02:00$/m);
    expect(withDriver.stdout).toMatch(/^\+\s+schedule: every week on Sunday and Wednesday at 03:30$/m);
    expect(withDriver.stdout).not.toContain('"type":"flopack"');
    // without the driver git shows the raw JSON (or fails to run it): the readable view is the driver's
    expect(diff.stdout).not.toMatch(/^\+\s+schedule: every week/m);

    // the workflow's comment step with the installed flocode: the diff and graph of the changed flow
    const comment = run(join(bin, "flocode"), [
      "pr-comment",
      "--event",
      join(REPO, "test/init/fixtures/pull_request.synchronize.json"),
      "--base",
      "HEAD",
      "--dry-run",
    ]);
    expect(comment.status, output(comment)).toBe(0);
    expect(comment.stdout).toContain("### `dist/m365-keepalive.flow`: modified");
    expect(comment.stdout).toContain("03:30");
    expect(comment.stdout).toContain("```mermaid");
  });
});

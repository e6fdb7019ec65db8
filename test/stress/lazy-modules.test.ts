/**
 * Heavy modules load only in the commands that need them: `--version`, `validate`, `show`, `diff` of flopacks and
 * Mermaid `graph` never load ts-morph, Graphviz (@viz-js/viz), tsx or esbuild; `--version` does not even load the validator
 * (ajv, zod) or YAML; a build of a flow file compiled before loads neither tsx nor esbuild (nor the hooks thread).
 * Checked on real processes of the built CLI with a module-resolution hook that logs every
 * module resolved; the commands that do need a heavy module are checked too, so the log is known to see them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const work = mkdtempSync(join(tmpdir(), "flocode-lazy-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HOOKS = join(work, "log-hooks.mjs");
writeFileSync(
  HOOKS,
  `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(log, r.url + "\\n");
  return r;
}
`,
);

const HEAVY: Record<string, RegExp> = {
  "ts-morph": /\/node_modules\/(ts-morph|@ts-morph)\//,
  graphviz: /\/node_modules\/@viz-js\//,
  tsx: /\/node_modules\/tsx\//,
  esbuild: /\/node_modules\/esbuild\//,
};
const VALIDATOR: Record<string, RegExp> = {
  ajv: /\/node_modules\/ajv\//,
  zod: /\/node_modules\/zod\//,
  yaml: /\/node_modules\/yaml\//,
};

let n = 0;
/** The URLs resolved while the CLI ran `args` (the process must exit 0 or 1). */
function loadedBy(args: string[], env: Record<string, string> = {}): string[] {
  const log = join(work, `log-${n++}.txt`);
  writeFileSync(log, "");
  const preload = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(HOOKS).href)},{data:{log:${JSON.stringify(log)}}});`;
  const r = runCli(args, { nodeArgs: ["--import", preload], env });
  expect([0, 1], `${args.join(" ")}: ${r.stderr}`).toContain(r.status);
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

function loaded(urls: string[], patterns: Record<string, RegExp>): string[] {
  return Object.entries(patterns)
    .filter(([, re]) => urls.some((u) => re.test(u)))
    .map(([name]) => name);
}

describe("lazy loading of heavy modules (built CLI)", () => {
  const pack = "dist/m365-keepalive.flow";

  it("--version loads neither heavy modules nor the validator", () => {
    const urls = loadedBy(["--version"]);
    expect(urls.some((u) => u.endsWith("/lib/cli/main.js"))).toBe(true);
    expect(loaded(urls, { ...HEAVY, ...VALIDATOR })).toEqual([]);
  });

  it.each([
    ["validate", ["validate", pack], "/lib/rules/validate.js"],
    ["show", ["show", pack], "/lib/review/show.js"],
    ["diff", ["diff", pack, "dist/group-audit.folder"], "/lib/review/diff.js"],
    ["graph (Mermaid)", ["graph", pack], "/lib/review/graph.js"],
  ])("%s loads no ts-morph, Graphviz or tsx", (_name, args, own) => {
    const urls = loadedBy(args);
    expect(urls.some((u) => u.endsWith(own))).toBe(true); // the log does see what the command loads
    expect(loaded(urls, HEAVY)).toEqual([]);
  });

  it("the commands that need them do load them (the hook sees heavy modules; import's ts-morph is left out: slow)", () => {
    expect(loaded(loadedBy(["graph", pack, "--format", "svg"]), HEAVY)).toContain("graphviz");
  });

  it("build compiles a flow file with esbuild once; then it loads without tsx, esbuild or the hooks thread", () => {
    const env = { FLOCODE_CACHE_DIR: join(work, "cache") };
    const build = ["build", "flows/m365-keepalive.flow.ts", "--out", join(work, "out")];
    const first = loadedBy(build, env);
    expect(first.some((u) => u.endsWith("/flows/m365-keepalive.flow.ts"))).toBe(true); // through the hooks
    expect(loaded(first, HEAVY)).toEqual(["esbuild"]); // an empty cache: compiled (on the hooks thread)
    // Compiled before and importing only flocode: its cached module loads directly, without the hooks thread.
    const second = loadedBy(build, env);
    expect(second.filter((u) => u.includes("/cache/") && u.endsWith(".direct.mjs"))).toHaveLength(1);
    expect(second.some((u) => u.endsWith("/flows/m365-keepalive.flow.ts"))).toBe(false);
    expect(loaded(second, HEAVY)).toEqual([]);
    expect(second.some((u) => u.endsWith("/lib/review/checklist.js"))).toBe(true); // the checklist is printed
    // --quiet prints no checklist: the review modules are not loaded.
    const quiet = loadedBy([...build, "--quiet"], env);
    expect(quiet.some((u) => u.endsWith("/lib/rules/validate.js"))).toBe(true);
    expect(quiet.filter((u) => u.includes("/lib/review/"))).toEqual([]);
  });
});

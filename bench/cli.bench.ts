/**
 * Cold CLI processes (the built CLI, `node lib/cli/main.js`, after `npm run build`): whole-process medians of
 * `flocode --version`, `flocode validate` and `flocode show` of a small flopack, and `flocode build` of the keepalive
 * flow into a fresh folder, each against a bare `node -e ""` start measured in the same run.
 * Goals on an idle machine: --version ≤ 0.3 s, validate ≤ 0.15 s, build of the keepalive flow ≤ 0.25 s.
 *
 * Then where a cold build's time goes: one process replays the build's steps in order (CLI modules, compiler
 * modules, the flow file (compiled by an earlier build: loaded from the cache without the hooks), catalog, lower +
 * emit, validator modules, the JSON Schema validator, validation) and reports each step's time; the median of several processes is
 * printed as notes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Harness } from "./harness.js";
import { median } from "./harness.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(REPO, "lib/cli/main.js");
const FLOW = "flows/m365-keepalive.flow.ts";
/** The keepalive flow, built into a temporary folder first (the committed dist/ may change its file names). */
const SMALL_EXPORT = "m365-keepalive.flow";

/**
 * The harness's CPU column counts this process only; a child's own CPU time (user + system, all its threads) is
 * reported at its exit by a preloaded one-liner and collected here per label: on a busy machine it is the steadier
 * figure, the wall time includes waiting for a core.
 */
const CPU_PRELOAD = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nFLOCODE_CHILD_CPU_US "+(u.user+u.system)+"\\n")})`;
const childCpu = new Map<string, number[]>();

function spawnNode(label: string, args: string[]): void {
  const r = spawnSync(process.execPath, ["--import", CPU_PRELOAD, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, FLOCODE_DEBUG: "" },
  });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  const cpu = /FLOCODE_CHILD_CPU_US (\d+)/.exec(r.stderr);
  if (cpu) childCpu.set(label, [...(childCpu.get(label) ?? []), Number(cpu[1]) / 1000]);
}

function childCpuMs(label: string): string {
  const all = (childCpu.get(label) ?? []).sort((a, b) => a - b);
  return all.length === 0 ? "?" : median(all).toFixed(0);
}

export default async function run(h: Harness): Promise<void> {
  if (!existsSync(CLI)) return h.skip("lib/cli/main.js is missing: run `npm run build` first");
  const out = mkdtempSync(join(tmpdir(), "flocode-cli-bench-"));
  try {
    const opts = { runs: 10, warmup: 2 };
    spawnNode("(prepare)", [CLI, "build", FLOW, "--out", out, "--quiet"]);
    const small = join(out, SMALL_EXPORT);
    const cases: Array<[string, string[]]> = [
      ["flocode --version", [CLI, "--version"]],
      [`flocode validate ${SMALL_EXPORT}`, [CLI, "validate", small]],
      [`flocode show ${SMALL_EXPORT}`, [CLI, "show", small]],
    ];
    const baseLabel = 'node -e "" (bare node start, baseline)';
    const base = await h.measure(baseLabel, () => spawnNode(baseLabel, ["-e", ""]), opts);
    const results = new Map<string, number>();
    for (const [label, args] of cases)
      results.set(label, (await h.measure(label, () => spawnNode(label, args), { ...opts, baseline: base })).medianMs);
    let n = 0;
    const buildLabel = `flocode build ${FLOW} --out <tmp>`;
    const build = await h.measure(buildLabel, () => spawnNode(buildLabel, [CLI, "build", FLOW, "--out", join(out, String(n++))]), {
      ...opts,
      baseline: base,
    });
    h.note("(the cpu columns above are this process's; the child processes' own CPU time, median, ms:)");
    for (const label of [baseLabel, ...cases.map(([l]) => l), buildLabel]) h.note(`  child CPU ${childCpuMs(label).padStart(5)}  ${label}`);
    const version = results.get("flocode --version")!;
    const validate = results.get(`flocode validate ${SMALL_EXPORT}`)!;
    h.note(
      `--version: ${(version / 1000).toFixed(2)} s wall (target ≤ 0.3 s); validate of the keepalive export: ${(validate / 1000).toFixed(2)} s (goal ≤ 0.15 s idle); build of the keepalive flow: ${(build.medianMs / 1000).toFixed(2)} s wall (goal ≤ 0.25 s idle)`,
    );
    h.note(
      `(a build's compiled TypeScript is cached on disk, FLOCODE_CACHE_DIR; the rows above run with the cache warm, as every build after the first)`,
    );
    for (const line of buildBreakdown(5)) h.note(line);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The steps of a cold `flocode build` of the keepalive flow, replayed in one process with a clock between them. */
const BREAKDOWN_SCRIPT = `
const lib = ${JSON.stringify(new URL("../lib/", import.meta.url).href)};
const steps = [];
let last = performance.now();
steps.push(["node start to first line of the script", last]);
const step = (label) => { const now = performance.now(); steps.push([label, now - last]); last = now; };
const { createProgram } = await import(lib + "cli/main.js"); createProgram(); step("CLI: commander + command modules");
const { loadCatalog } = await import(lib + "catalog/store.js");
const { lower } = await import(lib + "compile/lower.js");
const { emitPack } = await import(lib + "compile/emit.js");
await import(lib + "compile/compile.js"); step("compiler modules (DSL, lower, emit, catalog)");
const { loadDefaultExport } = await import(lib + "compile/load-source.js");
const def = await loadDefaultExport(${JSON.stringify(join(REPO, FLOW))}); step("load the flow file (compiled before: its cached module, directly, no hooks thread)");
const catalog = loadCatalog({ searchFrom: ${JSON.stringify(join(REPO, "flows"))} }); step("the catalog (its files are read on first use of an address)");
const ir = lower({ flows: [def], defaultFolder: def.options.name }, catalog);
const text = JSON.stringify(emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2000-01-01T00:00:00.000Z" })); step("lower + emit + stringify (reads the catalog files the cards need)");
const rules = await import(lib + "rules/index.js"); step("import the validator");
const { fastValidator } = await import(lib + "format/schema-fast.js"); fastValidator(); step("load the JSON Schema validator (compiled ahead of time by npm run build)");
rules.validateText(text, "x"); step("validate the built flopack");
await import(lib + "review/checklist.js"); step("import the checklist module");
process.stdout.write(JSON.stringify(steps));
`;

function buildBreakdown(processes: number): string[] {
  const runs: Array<Array<[string, number]>> = [];
  for (let i = 0; i < processes; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", BREAKDOWN_SCRIPT], { cwd: REPO, encoding: "utf8" });
    if (r.status !== 0) return [`build breakdown failed: ${r.stderr.split("\n").slice(0, 3).join(" ")}`];
    runs.push(JSON.parse(r.stdout) as Array<[string, number]>);
  }
  const lines = [`where a cold build's time goes (median of ${processes} processes, ms):`];
  let total = 0;
  runs[0]!.forEach(([label], i) => {
    const ms = median(runs.map((s) => s[i]![1]).sort((a, b) => a - b));
    total += ms;
    lines.push(`  ${ms.toFixed(0).padStart(5)}  ${label}`);
  });
  lines.push(`  ${total.toFixed(0).padStart(5)}  total`);
  return lines;
}

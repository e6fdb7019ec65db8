/**
 * Scale: validate, show, diff and import of synthetic packs of 1k, 10k and 100k cards, each against a bare read +
 * JSON.parse of the same bytes measured in the same run, and the growth per 10× (linear ≈ ×10). Build at the same
 * sizes is bench/build.bench.ts. The packs are generated here with the DSL (nothing committed): one flow of N cards
 * mixing four card kinds, each card wired to the one before it. At 100k cards each step runs as a CLI process of its
 * own (one run; its peak RSS is printed: target for validate ≤ 2 GB); below, in-process against the baseline.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Harness, Measurement } from "./harness.js";
import { loadCatalog } from "../src/catalog/store.js";
import { lower } from "../src/compile/lower.js";
import { emitPack } from "../src/compile/emit.js";
import { compose, flow, manual } from "../src/index.js";
import { kernel } from "../src/cards/index.js";
import type { FlowDef } from "../src/dsl/types.js";
import { validateText } from "../src/rules/validate.js";
import { buildPackView } from "../src/review/pack-view.js";
import { renderShow } from "../src/review/show.js";
import { diffPacks } from "../src/review/diff.js";
import { importFlopack } from "../src/cli/run-import.js";
import { readFlopackFile } from "../src/format/parse.js";
import { scramble } from "../test/support/scramble.js";

/** FLOCODE_SCALE_SIZES=1000,20000 for a quick look; the issue's sizes by default. */
const SIZES = process.env.FLOCODE_SCALE_SIZES ? process.env.FLOCODE_SCALE_SIZES.split(",").map(Number) : [1_000, 10_000, 100_000];
const CLI = fileURLToPath(new URL("../lib/cli/main.js", import.meta.url));

/** A flow of `cards` cards: Lowercase, Base64, Trim and Compose in turn, each reading the previous output. */
export function syntheticFlow(cards: number): FlowDef {
  return flow({ name: `Synthetic ${cards}`, trigger: manual() }, (f) => {
    let previous = f.add(kernel.string.toLowerCase({ string: "START" })).output;
    for (let i = 1; i < cards; i++) {
      switch (i % 4) {
        case 0:
          previous = f.add(kernel.string.toLowerCase({ string: previous })).output;
          break;
        case 1:
          previous = f.add(kernel.string.base64({ string: previous })).output;
          break;
        case 2:
          previous = f.add(kernel.string.trim({ string: previous })).output;
          break;
        default:
          previous = f.add(compose`step ${i}: ${previous}`).output;
      }
    }
  });
}

export function syntheticPackText(cards: number): string {
  const catalog = loadCatalog();
  const ir = lower({ flows: [syntheticFlow(cards)], defaultFolder: "Synthetic" }, catalog);
  return JSON.stringify(emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2000-01-01T00:00:00.000Z" }));
}

interface Row {
  cards: number;
  step: string;
  m: Measurement;
  /** CPU time (all threads, GC included) of the run: steadier than wall time on a shared machine. */
  cpuMs: number;
}

/** Steps at every size: in-process below IN_PROCESS_LIMIT, else a CLI process of its own (see `cliStep`). */
const STEPS: Array<{
  step: string;
  inProcess: (file: string, scrambledFile: string, out: string) => unknown;
  cli: (file: string, scrambledFile: string, out: string) => string[];
}> = [
  {
    step: "validate",
    inProcess: (file) => {
      const findings = validateText(readFileSync(file, "utf8"), file);
      if (findings.some((f) => f.severity === "error")) throw new Error(`${file}: ${findings[0]!.code} ${findings[0]!.message}`);
      return findings.length;
    },
    cli: (file) => ["validate", "--quiet", file],
  },
  {
    step: "show",
    inProcess: (file) => renderShow(buildPackView(readPack(file))).length,
    cli: (file) => ["show", file],
  },
  {
    step: "diff vs reordered copy",
    inProcess: (file, scrambledFile) => {
      const a = buildPackView(readPack(file));
      const equal = diffPacks(a, buildPackView(readPack(scrambledFile))).equal;
      if (!equal) throw new Error(`${file}: the reordered copy differs`);
    },
    cli: (file, scrambledFile) => ["diff", file, scrambledFile],
  },
  {
    step: "import",
    inProcess: (file, _s, out) => importFlopack(file, { out }).writes.length,
    cli: (file, _s, out) => ["import", file, "--out", out],
  },
];
const IN_PROCESS_LIMIT = 10_000;

/** What the review commands read: the parsed pack once its JSON Schema check passed (the same work in-process as in the CLI). */
function readPack(file: string): unknown {
  const r = readFlopackFile(file);
  if (!r.ok) throw new Error(`${file}: ${r.findings[0]?.message ?? "invalid"}`);
  return r.flopack;
}

export default async function run(h: Harness): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "flocode-scale-"));
  const rows: Row[] = [];
  let sink = 0;
  try {
    for (const cards of SIZES) {
      const text = syntheticPackText(cards);
      const file = join(dir, `synthetic-${cards}.flopack`);
      const scrambledFile = join(dir, `synthetic-${cards}-reordered.flopack`);
      writeFileSync(file, text);
      writeFileSync(scrambledFile, JSON.stringify(scramble(JSON.parse(text), 1)));
      const inProcess = cards <= IN_PROCESS_LIMIT;
      h.note(
        `${cards} cards: ${(text.length / 1e6).toFixed(1)} MB${inProcess ? "" : "; steps run as CLI processes (node lib/cli/main.js), one run each; peak RSS of each process below"}`,
      );
      const opts = { runs: cards >= 10_000 ? 3 : 5, warmup: 1 };
      const base = await h.measure(
        `${cards}: read + JSON.parse (baseline)`,
        () => (sink += Object.keys(JSON.parse(readFileSync(file, "utf8")) as object).length),
        opts,
      );
      for (const s of STEPS) {
        const out = join(dir, `out-${cards}`);
        if (inProcess) {
          // in-process, import returns its files without writing them
          const o = s.step.startsWith("import") && cards >= 10_000 ? { runs: 2, warmup: 0 } : opts;
          const m = await h.measure(`${cards}: ${s.step}`, () => (sink += Number(s.inProcess(file, scrambledFile, out)) || 0), {
            ...o,
            baseline: base,
          });
          rows.push({ cards, step: s.step, m, cpuMs: m.medianCpuMs });
          continue;
        }
        let result: CliStep | undefined;
        const m = await h.measure(`${cards}: ${s.step} (process)`, () => (result = cliStep(s.cli(file, scrambledFile, out))), {
          runs: 1,
          warmup: 0,
          baseline: base,
        });
        h.note(`${cards}: ${s.step}: ${result!.summary}`);
        if (result!.ok) rows.push({ cards, step: s.step, m, cpuMs: result!.cpuMs });
      }
      rmSync(join(dir, `out-${cards}`), { recursive: true, force: true });
    }
    for (const step of STEPS.map((s) => s.step)) {
      const of = rows.filter((r) => r.step === step);
      const growth = of
        .slice(1)
        .map(
          (r, i) =>
            `${of[i]!.cards}→${r.cards} ×${(r.m.medianMs / of[i]!.m.medianMs).toFixed(1)} wall, ×${(r.cpuMs / of[i]!.cpuMs).toFixed(1)} CPU`,
        );
      const perCard = (ms: (r: Row) => number) => of.map((r) => ((ms(r) * 1000) / r.cards).toFixed(0)).join(", ");
      h.note(
        `growth per 10× cards, ${step}: ${growth.join(", ")} (linear ≈ ×10); µs per card, wall: ${perCard((r) => r.m.medianMs)}; CPU: ${perCard((r) => r.cpuMs)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (sink < 0) h.note("unreachable");
}

interface CliStep {
  ok: boolean;
  summary: string;
  /** CPU time of the child process (all its threads), start-up included. */
  cpuMs: number;
}

/**
 * One CLI command (the built CLI's `main`) in a process of its own: its exit code, peak RSS and CPU time. A process of its
 * own keeps a 100k-card step's memory out of the bench process (and an out-of-memory abort out of the bench).
 */
function cliStep(args: string[]): CliStep {
  if (!existsSync(CLI)) return { ok: false, summary: "skipped (run `npm run build` first)", cpuMs: 0 };
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(CLI).href)});
const { writeSync } = await import("node:fs");
const stdout = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
const code = await main(${JSON.stringify(args)});
process.stdout.write = stdout;
const cpu = process.cpuUsage();
writeSync(2, "\\nMAXRSS " + process.resourceUsage().maxRSS + " CPU " + Math.round((cpu.user + cpu.system) / 1000) + " EXIT " + code + "\\n");`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 28, timeout: 600_000 });
  const m = /MAXRSS (\d+) CPU (\d+) EXIT (\d+)/.exec(r.stderr);
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT")
    return { ok: false, summary: "killed after 600 s (unfinished)", cpuMs: 0 };
  if (!m)
    return {
      ok: false,
      summary: `the process failed (status ${r.status}, signal ${r.signal}): ${r.stderr.split("\n").find((l) => l.trim() !== "") ?? ""}`,
      cpuMs: 0,
    };
  const ok = m[3] === "0";
  const cpuMs = Number(m[2]);
  return {
    ok,
    cpuMs,
    summary: `exit ${m[3]}, peak RSS ${(Number(m[1]) / 1024).toFixed(0)} MB, CPU ${(cpuMs / 1000).toFixed(1)} s${ok ? "" : `: ${r.stderr.split("\n")[0]}`}`,
  };
}

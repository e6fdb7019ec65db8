/**
 * The flocode bench harness (`npm run bench`). Speed is measured here only, never asserted in tests.
 *
 * Writing a bench module: add `bench/<name>.bench.ts` with
 *
 *   import type { Harness } from "./harness.js";
 *   export default async function run(h: Harness): Promise<void> {
 *     const base = await h.measure("read + JSON.parse", () => { ... });          // a baseline
 *     await h.measure("validate", () => { ... }, { baseline: base });           // reported as a ratio to it
 *   }
 *
 * `bench/run.ts` runs every bench/*.bench.ts module in name order (or those whose name contains an argument:
 * `npm run bench -- validate`) and prints one table per module. Each measurement runs `warmup` times unmeasured,
 * then `runs` times (default 3 and 10); the table shows the median, min and max in ms, the ratio to its baseline,
 * and the process's peak RSS so far
 * (`process.resourceUsage().maxRSS`: a high-water mark, so put memory-hungry cases last). Results are also
 * written to bench/.out/<module>.json. `h.skip(reason)` skips a module (e.g. when the corpus is absent).
 * Environment: FLOCODE_BENCH_RUNS overrides `runs` for every measurement.
 *
 * Ratios are paired: with a baseline, every run of the case is preceded by a run of the baseline, and the ratio is
 * the median of the per-pair ratios. Load from other processes then hits both sides of a pair alike, so the
 * ratio stays meaningful on a busy machine even when absolute times drift. Two ratios are shown: wall-clock time,
 * and CPU time of this process (`process.cpuUsage`, all threads: includes parallel GC work, excludes time spent
 * waiting for a core), which is the steadier of the two when other processes compete for the CPU.
 */
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join as joinPath, resolve as resolvePath } from "node:path";
import { isExportFileName } from "../src/format/file-kinds.js";

export interface MeasureOptions {
  runs?: number;
  warmup?: number;
  /** Another measurement of the same module: re-run before each run of this one; the table shows the paired ratio. */
  baseline?: Measurement;
}

export interface Measurement {
  label: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median of (this run / the baseline run just before it), wall-clock, when a baseline was given. */
  ratio?: number;
  /** The same with CPU time. */
  cpuRatio?: number;
  medianCpuMs: number;
  baselineLabel?: string;
  peakRssMb: number;
}

export interface Harness {
  /** Times `fn` (sync or async) and records the result in this module's table. */
  measure(label: string, fn: () => unknown, options?: MeasureOptions): Promise<Measurement>;
  /** A free-text line printed under the table (e.g. corpus size). */
  note(text: string): void;
  /** Marks the module skipped with a reason; further measurements are ignored. */
  skip(reason: string): void;
}

export interface ModuleReport {
  module: string;
  measurements: Measurement[];
  notes: string[];
  skipped?: string;
}

async function timeOnce(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export function createHarness(module: string): { harness: Harness; report: ModuleReport } {
  const report: ModuleReport = { module, measurements: [], notes: [] };
  const fns = new WeakMap<Measurement, () => unknown>();
  const envRuns = Number(process.env.FLOCODE_BENCH_RUNS);
  const harness: Harness = {
    async measure(label, fn, options = {}) {
      const runs = Number.isInteger(envRuns) && envRuns > 0 ? envRuns : (options.runs ?? 10);
      const warmup = options.warmup ?? 3;
      for (let i = 0; i < warmup; i++) await fn();
      const baselineFn = options.baseline ? fns.get(options.baseline) : undefined;
      const times: number[] = [];
      const cpuTimes: number[] = [];
      const ratios: number[] = [];
      const cpuRatios: number[] = [];
      for (let i = 0; i < runs; i++) {
        const base = baselineFn ? await timeOnce(baselineFn) : undefined;
        const t = await timeOnce(fn);
        times.push(t.wall);
        cpuTimes.push(t.cpu);
        if (base !== undefined) {
          ratios.push(t.wall / base.wall);
          cpuRatios.push(t.cpu / Math.max(base.cpu, 0.001));
        }
      }
      for (const list of [times, cpuTimes, ratios, cpuRatios]) list.sort((a, b) => a - b);
      const m: Measurement = {
        label,
        runs,
        medianMs: median(times),
        minMs: times[0]!,
        maxMs: times[times.length - 1]!,
        medianCpuMs: median(cpuTimes),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      };
      if (options.baseline) {
        m.ratio = ratios.length > 0 ? median(ratios) : m.medianMs / options.baseline.medianMs;
        m.cpuRatio = cpuRatios.length > 0 ? median(cpuRatios) : m.medianCpuMs / options.baseline.medianCpuMs;
        m.baselineLabel = options.baseline.label;
      }
      fns.set(m, fn);
      if (report.skipped === undefined) report.measurements.push(m);
      return m;
    },
    note(text) {
      report.notes.push(text);
    },
    skip(reason) {
      report.skipped = reason;
    },
  };
  return { harness, report };
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** The report as an aligned text table. */
export function formatReport(r: ModuleReport): string {
  const lines = [`== ${r.module}`];
  if (r.skipped !== undefined) return [...lines, `   skipped: ${r.skipped}`].join("\n");
  const rows = [
    ["measurement", "median ms", "min ms", "max ms", "cpu ms", "runs", "ratio wall / cpu", "peak RSS MB"],
    ...r.measurements.map((m) => [
      m.label,
      m.medianMs.toFixed(1),
      m.minMs.toFixed(1),
      m.maxMs.toFixed(1),
      m.medianCpuMs.toFixed(1),
      String(m.runs),
      m.ratio === undefined ? "" : `${m.ratio.toFixed(2)}× / ${(m.cpuRatio ?? NaN).toFixed(2)}× ${m.baselineLabel}`,
      m.peakRssMb.toFixed(0),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    lines.push(
      "   " +
        row
          .map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
          .join("  ")
          .trimEnd(),
    );
  for (const n of r.notes) lines.push(`   ${n}`);
  return lines.join("\n");
}

/**
 * The corpus the benches read (FLOCODE_CORPUS, default ../shared/flopacks; several folders separated by ':'): the
 * exports of each folder (.flow, .folder, .flopack), sorted; undefined when a folder is absent.
 */
export function benchCorpus(): { dir: string; files: string[] } | undefined {
  const dirs = (process.env.FLOCODE_CORPUS ?? "../shared/flopacks")
    .split(delimiter)
    .filter((d) => d !== "")
    .map((d) => resolvePath(d));
  if (dirs.length === 0 || dirs.some((d) => !existsSync(d))) return undefined;
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter(isExportFileName)
      .sort()
      .map((f) => joinPath(dir, f)),
  );
  return { dir: dirs.join(delimiter), files };
}

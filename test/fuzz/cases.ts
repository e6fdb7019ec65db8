/**
 * The fuzz bases (real exports: the corpus when FLOCODE_CORPUS is set, always the project's own fixtures and built
 * examples) and one fuzz case: a mutated text run through validate, show, diff and import in-process.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpus } from "../support/corpus.js";
import { runMain } from "../support/cli.js";
import { contractBreach } from "./contract.js";
import { REGRESSIONS } from "./regressions/index.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

export interface Base {
  file: string;
  text: string;
  /** One of the project's own fixtures (not a corpus export). */
  own: boolean;
}

/** Sorted, so that a mutation's `base` index means the same file on every machine with the same inputs. */
export function fuzzBases(): Base[] {
  const own = ["test/fixtures", "dist"].flatMap((d) => {
    const dir = join(REPO, d);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".flopack"))
          .sort()
          .map((f) => join(dir, f))
      : [];
  });
  return [...own.map((file) => ({ file, own: true })), ...(corpus()?.files ?? []).map((file) => ({ file, own: false }))].map((b) => ({
    ...b,
    text: readFileSync(b.file, "utf8"),
  }));
}

/** Number of fuzz cases: FLOCODE_FUZZ_RUNS (`npm run fuzz` sets 10000), else a count that keeps `npm test` quick. */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FLOCODE_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A fixed seed under `npm test` (reproducible CI); FLOCODE_FUZZ_SEED, or a fresh one, for longer runs. */
export function fuzzSeed(): number | undefined {
  const s = Number(process.env.FLOCODE_FUZZ_SEED);
  if (Number.isInteger(s)) return s;
  return process.env.FLOCODE_FUZZ_RUNS ? undefined : 20261126;
}

export interface CaseFailure {
  command: string;
  breach: string;
}

/** The commands a mutated file goes through. `original` is the unmutated base (for diff). */
export function commandsFor(file: string, original: string, out: string): Array<[string, string[]]> {
  return [
    ["validate", ["validate", file]],
    ["validate --json", ["validate", "--json", file]],
    ["show", ["show", file]],
    ["diff", ["diff", original, file]],
    ["import", ["import", file, "--out", out]],
  ];
}

/** A breach already kept as an open regression (another owner's crash, not fixed yet). */
export function isKnownOpen(f: CaseFailure): boolean {
  return REGRESSIONS.some((r) => r.open?.command === f.command && r.open.breach === f.breach);
}

/** Runs one mutated text through every command; the first contract breach not known as open, or undefined. */
export async function runCase(
  text: string,
  original: string,
  work: string,
  tolerated: CaseFailure[] = [],
): Promise<CaseFailure | undefined> {
  const file = join(work, "case.flopack");
  writeFileSync(file, text);
  const out = mkdtempSync(join(work, "import-"));
  try {
    for (const [command, argv] of commandsFor(file, original, out)) {
      const breach = contractBreach(await runMain(argv));
      if (breach === undefined) continue;
      if (!isKnownOpen({ command, breach })) return { command, breach };
      tolerated.push({ command, breach });
    }
    return undefined;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Keeps a failing input where a developer can pick it up (and copy it to test/fuzz/regressions/). */
export function keepFailingInput(text: string): string {
  const dir = join(tmpdir(), "flocode-fuzz-found");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash("sha256").update(text).digest("hex").slice(0, 12)}.flopack`);
  writeFileSync(file, text);
  return file;
}

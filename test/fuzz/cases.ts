/**
 * The fuzz bases (real exports: the corpus when FLOCODE_CORPUS is set, always the project's own fixtures and built
 * examples) and one fuzz case: a mutated text run in-process through every command that reads a flopack, then
 * imported again into the folder import wrote; the folders import wrote are built in batches (buildImported).
 * Import may write code that build refuses (the export holds a value validate accepts and the DSL does not, such
 * as an unknown time zone): build must then say so in one located line; the fuzz counts those folders.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpus } from "../support/corpus.js";
import { runCli, runMain } from "../support/cli.js";
import { contractBreach } from "./contract.js";
import { REGRESSIONS } from "./regressions/index.js";
import type { MutationFacts } from "./mutate.js";

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

/**
 * The commands a mutated file goes through: every command that reads a flopack, in each output format.
 * `original` is the unmutated base (for diff); `out` the folder import writes (a fresh one per case).
 */
export function commandsFor(file: string, original: string, out: string): Array<[string, string[]]> {
  return [
    ["validate", ["validate", file]],
    ["validate --json", ["validate", "--json", file]],
    ["show", ["show", file]],
    ["show --json", ["show", "--json", file]],
    ["diff", ["diff", original, file]],
    ["diff --json", ["diff", "--json", file, original]],
    ["diff --format markdown", ["diff", "--format", "markdown", original, file]],
    ["graph", ["graph", file]],
    ["graph --format dot", ["graph", "--format", "dot", file]],
    ["graph --json", ["graph", "--json", file]],
    ["checklist", ["checklist", file]],
    ["checklist --json", ["checklist", "--json", file]],
    ["catalog learn", ["catalog", "learn", file, "--out", `${out}.learned.json`]],
    ["import", ["import", file, "--out", out]],
  ];
}

/** A breach already kept as an open regression (another owner's crash, not fixed yet). */
export function isKnownOpen(f: CaseFailure): boolean {
  return REGRESSIONS.some((r) => r.open?.command === f.command && r.open.breach === f.breach);
}

export interface CaseResult {
  failure?: CaseFailure;
  /** The folder import wrote (kept for a later `flocode build`: see buildImported). */
  imported?: string;
  /** Commands run. */
  commands: number;
}

/**
 * Runs one mutated text through every command; the first contract breach not known as open, or undefined. Then,
 * when import wrote a folder: import again into it (import of what import wrote), which must succeed without
 * --force and write the same files (their text may differ: the project catalog the first import wrote is there
 * now, so a learned variant no longer needs naming). `facts` (what the mutation put in) adds oracles: a duplicate key is an FP008
 * warning, an overflowing number an FP007 error, whenever the text still parses.
 */
export async function runCase(
  text: string,
  original: string,
  work: string,
  tolerated: CaseFailure[] = [],
  facts?: MutationFacts,
  keepImport = false,
): Promise<CaseResult> {
  const file = join(work, "case.flopack");
  writeFileSync(file, text);
  const out = mkdtempSync(join(work, "import-"));
  let keep = false;
  let commands = 0;
  try {
    let importStatus: number | "threw" | undefined;
    for (const [command, argv] of commandsFor(file, original, out)) {
      const run = await runMain(argv);
      commands++;
      if (command === "import") importStatus = run.status;
      const breach = contractBreach(run) ?? (command === "validate" ? factBreach(run.stdout, text, facts) : undefined);
      if (breach === undefined) continue;
      if (!isKnownOpen({ command, breach })) return { failure: { command, breach }, commands };
      tolerated.push({ command, breach });
    }
    if (importStatus !== 0) return { commands };
    const before = snapshot(out);
    const again = await runMain(["import", file, "--out", out]);
    commands++;
    const breach =
      contractBreach(again) ??
      (again.status !== 0
        ? `exit ${again.status} importing into the folder import wrote: ${again.stderr.split("\n")[0]}`
        : sameNames(before, snapshot(out)));
    if (breach !== undefined) return { failure: { command: "import (again)", breach }, commands };
    keep = keepImport;
    return keep ? { imported: out, commands } : { commands };
  } finally {
    if (!keep) rmSync(out, { recursive: true, force: true });
    rmSync(`${out}.learned.json`, { force: true });
  }
}

/** What validate must have said about what the mutation put in, or undefined. */
function factBreach(stdout: string, text: string, facts: MutationFacts | undefined): string | undefined {
  if (facts === undefined || stdout.includes("FP005") || !parses(text)) return undefined;
  if (facts.nonFinite && !stdout.includes("FP007 json-number-range")) return "a number overflowing to Infinity went unreported (FP007)";
  if (facts.duplicateKey && !facts.nonFinite && !stdout.includes("FP008 json-duplicate-key"))
    return "a key written twice went unreported (FP008)";
  return undefined;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The files under `dir` (relative paths). */
function snapshot(dir: string): Set<string> {
  return new Set(readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => statSync(join(dir, name)).isFile()));
}

function sameNames(a: Set<string>, b: Set<string>): string | undefined {
  for (const name of a) if (!b.has(name)) return `importing again removed ${name}`;
  for (const name of b) if (!a.has(name)) return `importing again added ${name}`;
  return undefined;
}

/** What `flocode build` made of a batch of folders import wrote. */
export interface BuildOutcome {
  /** Folders that did not build, with build's line about each (a flow file, line and column). */
  unbuilt: Array<{ folder: string; message: string }>;
  /** What broke the CLI contract (a crash, a stack trace, a failure not located in a flow file), or undefined. */
  breach?: string;
}

/**
 * Messages of the JavaScript engine (a TypeError or ReferenceError thrown by the flow file's own code): the code
 * import wrote uses a variable before its declaration, calls what is not a function, reads a property of
 * undefined. flocode's messages about a wrong value never read so.
 */
const JS_ENGINE_ERROR =
  /: (Cannot access '[^']*' before initialization|[\w$.]+ is not defined|[\w$.]+ is not a (function|constructor)|[\w$.]+ is not iterable|Cannot (read|set) properties of|Assignment to constant variable)/;

/**
 * `flocode build` of folders import wrote, in one CLI process (flow files need a process of their own). Build must
 * keep the CLI contract, and a folder that does not build must be named in a located one-line message that is
 * flocode's, not an error the code import wrote throws.
 */
export function buildImported(folders: readonly string[], out: string): BuildOutcome {
  if (folders.length === 0) return { unbuilt: [] };
  const r = runCli(["build", ...folders, "--out", out, "--no-checklist"], { timeout: 3600_000 });
  const breach =
    r.status === null ? `build killed (${r.signal})` : contractBreach({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  if (breach !== undefined) return { unbuilt: [], breach };
  if (r.status === 0) return { unbuilt: [] };
  const lines = r.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("flocode: build failed"));
  const unlocated = lines.find((l) => !folders.some((folder) => new RegExp(`^flocode: ${escape(folder)}/[^:]+:\\d+:\\d+: `).test(l)));
  if (unlocated !== undefined) return { unbuilt: [], breach: `a build failure not located in a flow file: ${unlocated}` };
  // flocode's own messages say what is wrong with a value; the JavaScript engine's mean import wrote broken code
  const thrown = lines.find((l) => JS_ENGINE_ERROR.test(l));
  if (thrown !== undefined) return { unbuilt: [], breach: `import wrote code that throws: ${thrown}` };
  return {
    unbuilt: folders.flatMap((folder) => {
      const message = lines.find((l) => l.startsWith(`flocode: ${folder}/`));
      return message === undefined ? [] : [{ folder, message }];
    }),
  };
}

/**
 * The folders of a batch whose build breaks the CLI contract on their own (the batch halved until one folder is
 * left): a failing batch of 200 names the inputs to keep, not only the batch.
 */
export function breakingFolders(folders: readonly string[], out: string): Array<{ folder: string; breach: string }> {
  const outcome = buildImported(folders, out);
  rmSync(out, { recursive: true, force: true });
  if (outcome.breach === undefined) return [];
  if (folders.length === 1) return [{ folder: folders[0]!, breach: outcome.breach }];
  const half = Math.ceil(folders.length / 2);
  return [...breakingFolders(folders.slice(0, half), out), ...breakingFolders(folders.slice(half), out)];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Keeps a failing input where a developer can pick it up (and copy it to test/fuzz/regressions/). */
export function keepFailingInput(text: string): string {
  const dir = join(tmpdir(), "flocode-fuzz-found");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash("sha256").update(text).digest("hex").slice(0, 12)}.flopack`);
  writeFileSync(file, text);
  return file;
}

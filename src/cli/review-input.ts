/**
 * Input of the review commands (show, diff, graph, checklist): a `.flopack` file, or a flow source (`*.flow.ts`)
 * compiled on the fly; the review tools get flopack JSON either way. Failures are UserErrors (exit 2) with one
 * clear line naming the file.
 *
 * Compiling a flow source runs its code, so a review command does it only when asked (`--run`): `show` is a git
 * textconv driver, and a repository's `.gitattributes` can route any path to it (`*.flow.ts diff=flopack`).
 */
import { readFlopackFile } from "../format/parse.js";
import { get, isObject } from "../review/json.js";
import { UserError } from "../util/errors.js";
import { formatFinding, type Finding } from "../util/finding.js";

export interface LoadedPack {
  /** What to call it in messages and headings. */
  label: string;
  flopack: unknown;
}

export function isFlowSource(path: string): boolean {
  return /\.flow\.(ts|mts|js|mjs)$/.test(path);
}

export interface ReviewInputOptions {
  /** Compile flow sources, which runs their code (`--run`). Without it a flow source is refused. */
  run?: boolean;
}

/** One file → one or more flopacks (a flow source may compile to several outputs). */
export async function loadReviewInput(path: string, options: ReviewInputOptions = {}): Promise<LoadedPack[]> {
  if (isFlowSource(path)) {
    if (options.run !== true)
      throw new UserError(`${path}: a flow source is read by running its code; pass --run to compile it (only for files you trust)`, 2);
    return compileFlowSource(path);
  }
  const result = readFlopackFile(path);
  if (!result.ok) throw invalid(result.findings, path);
  // what the view cannot show (the first copy of a duplicate key) must not go unsaid
  for (const w of result.warnings) process.stderr.write(`flocode: warning: ${formatFinding(w)}\n`);
  return [{ label: path, flopack: result.flopack }];
}

function invalid(findings: Finding[], file: string): UserError {
  const first = findings[0];
  const more =
    findings.length > 1 ? ` (and ${findings.length - 1} more problem${findings.length === 2 ? "" : "s"}; run flocode validate)` : "";
  return new UserError(first ? `${formatFinding({ ...first, file: first.file ?? file })}${more}` : `${file}: not a valid flopack`, 2);
}

interface CompileOutput {
  name: string;
  flopack: unknown;
}

/** Flow sources are compiled in memory; the compiler (tsx, the catalog) loads only when one is reviewed. */
async function compileOutputs(path: string): Promise<CompileOutput[]> {
  const { compileSource } = await import("../compile/index.js");
  return (await compileSource(path)).outputs;
}

async function compileFlowSource(path: string): Promise<LoadedPack[]> {
  let outputs: CompileOutput[];
  try {
    outputs = await compileOutputs(path);
  } catch (error) {
    // A mistake in the flow source is an input error here: exit 2 (for diff, 1 means "different"). Anything else
    // is a bug in flocode and goes on up as one.
    if (!isMistake(error)) throw error;
    const message = error.message;
    throw new UserError(message.startsWith(path) ? message : `${path}: cannot compile: ${message}`, 2);
  }
  if (outputs.length === 0) throw new UserError(`${path}: the flow source defines no flow`, 2);
  return outputs.map((o) => ({ label: outputs.length === 1 ? path : `${path} (${o.name})`, flopack: o.flopack }));
}

/** The errors the compiler raises for mistakes in flow files (by name: the compiler is loaded lazily). */
function isMistake(error: unknown): error is Error {
  return error instanceof Error && ["UserError", "DslError", "FlowFileErrors"].includes(error.name);
}

/** Merges several flopacks (a multi-flow source) into one for review: the union of their collections. */
export function mergePacks(packs: LoadedPack[]): unknown {
  if (packs.length === 1) return packs[0]!.flopack;
  const data = { flos: {}, configs: {}, tables: {}, groups: {} } as Record<string, Record<string, unknown>>;
  for (const p of packs) {
    for (const key of ["flos", "configs", "tables", "groups"]) {
      const from = get(get(p.flopack, "data"), key);
      if (isObject(from))
        for (const [id, v] of Object.entries(from))
          Object.defineProperty(data[key], id, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  return { type: "flopack", data };
}

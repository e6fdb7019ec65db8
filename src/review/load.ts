/**
 * Input of the review commands: a `.flopack` file, or a flow source (`*.flow.ts`) compiled on the fly.
 * Failures are UserErrors (exit 2) with one clear line naming the file.
 */
import { readFile } from "node:fs/promises";
import { UserError } from "../util/errors.js";
import { get, isObject } from "./json.js";

export interface LoadedPack {
  /** What to call it in messages and headings. */
  label: string;
  flopack: unknown;
}

export function isFlowSource(path: string): boolean {
  return path.endsWith(".flow.ts");
}

/** One file → one or more flopacks (a flow source may compile to several outputs). */
export async function loadReviewInput(path: string): Promise<LoadedPack[]> {
  if (isFlowSource(path)) return compileFlowSource(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read file${code ? ` (${code})` : ""}`, 2);
  }
  return [{ label: path, flopack: parseReviewText(text, path) }];
}

/**
 * Parses flopack text far enough for review. The review tools are deliberately tolerant of graph
 * problems (they show them), but the envelope must be a flopack.
 */
export function parseReviewText(text: string, file: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON: ${(error as Error).message}`, 2);
  }
  if (!isObject(doc)) throw new UserError(`${file}: /: not a flopack (expected a JSON object)`, 2);
  if (get(doc, "type") !== "flopack") throw new UserError(`${file}: /type: not a flopack (expected "flopack")`, 2);
  const data = get(doc, "data");
  if (!isObject(data)) throw new UserError(`${file}: /data: missing or not an object`, 2);
  if (!isObject(get(data, "flos"))) throw new UserError(`${file}: /data/flos: missing or not an object`, 2);
  return doc;
}

interface CompileModule {
  compileSource(path: string): Promise<{ outputs: Array<{ name: string; flopack: unknown; text: string }> }>;
}

async function compileFlowSource(path: string): Promise<LoadedPack[]> {
  let mod: CompileModule;
  try {
    // A variable specifier keeps the compiler (ts-morph, tsx) out of the review commands until needed.
    const spec = "../compile/index.js";
    mod = (await import(spec)) as CompileModule;
  } catch {
    throw new UserError(`${path}: flow sources (.flow.ts) are not supported yet by this build; build it and review the .flopack`, 2);
  }
  if (typeof mod.compileSource !== "function") {
    throw new UserError(`${path}: flow sources (.flow.ts) are not supported yet by this build; build it and review the .flopack`, 2);
  }
  let result: Awaited<ReturnType<CompileModule["compileSource"]>>;
  try {
    result = await mod.compileSource(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot compile: ${(error as Error).message}`, 2);
  }
  if (result.outputs.length === 0) throw new UserError(`${path}: the flow source defines no flow`, 2);
  return result.outputs.map((o) => ({ label: result.outputs.length === 1 ? path : `${path} (${o.name})`, flopack: o.flopack }));
}

/** Merges several flopacks (a multi-flow source) into one for review: the union of their collections. */
export function mergePacks(packs: LoadedPack[]): unknown {
  if (packs.length === 1) return packs[0]!.flopack;
  const data = { flos: {}, configs: {}, tables: {}, groups: {} } as Record<string, Record<string, unknown>>;
  for (const p of packs) {
    for (const key of ["flos", "configs", "tables", "groups"]) {
      const from = get(get(p.flopack, "data"), key);
      if (isObject(from)) for (const [id, v] of Object.entries(from)) Object.defineProperty(data[key], id, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  return { type: "flopack", data };
}

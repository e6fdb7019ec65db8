/**
 * What `flocode build <paths>` builds:
 * - a `*.flow.ts` (or `.flow.js/.mts/.mjs`) file → one flopack named after the file, holding that flow and
 *   every helper flow it calls;
 * - a folder with a `pack.ts` (or `pack.js/.mts/.mjs`) → one flopack named after the folder (or `pack({name})`),
 *   holding the pack's flows, folders and tables;
 * - any other folder → each flow file and pack folder found in it (recursively), except under node_modules
 *   and hidden folders.
 */
import { readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, join, resolve } from "node:path";
import { EXPORT_FORMATS, type ExportFormat } from "../format/file-kinds.js";
import { UserError } from "../util/errors.js";

export interface BuildTarget {
  kind: "flow" | "pack";
  /** The flow file, or the pack file inside the pack folder. */
  file: string;
  /** The output file's base name. */
  name: string;
}

/**
 * What `build` writes: `console` (the default) writes what Okta's console exports and imports, a `.flow` file for
 * a flow file and a `.folder` file for a pack folder; `flow`, `folder` or `flopack` writes that extension for
 * every target. The content is the same export JSON whatever the extension.
 */
export const BUILD_FORMATS = ["console", ...EXPORT_FORMATS] as const;
export type BuildFormat = (typeof BUILD_FORMATS)[number];
export const DEFAULT_BUILD_FORMAT: BuildFormat = "console";

export function isBuildFormat(value: unknown): value is BuildFormat {
  return typeof value === "string" && (BUILD_FORMATS as readonly string[]).includes(value);
}

/** The extension a target is written with. */
export function outputExtension(target: Pick<BuildTarget, "kind">, format: BuildFormat = DEFAULT_BUILD_FORMAT): ExportFormat {
  if (format !== "console") return format;
  return target.kind === "flow" ? "flow" : "folder";
}

/** The file name a target is written to: `<name>.<extension>`. */
export function outputFileName(target: BuildTarget, format?: BuildFormat): string {
  return `${target.name}.${outputExtension(target, format)}`;
}

const FLOW_FILE = /\.flow\.(ts|mts|js|mjs)$/;
const PACK_FILES = ["pack.ts", "pack.mts", "pack.js", "pack.mjs"];

export function packFileIn(dir: string): string | undefined {
  // a regular file only: loading a fifo or a device named pack.ts would wait forever
  for (const f of PACK_FILES) if (statOrUndefined(join(dir, f))?.isFile()) return join(dir, f);
  return undefined;
}

export function findTargets(paths: readonly string[], format?: BuildFormat): BuildTarget[] {
  const targets: BuildTarget[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UserError(`${p}: no such file or folder`, 2);
    }
    if (st.isFile()) {
      if (!FLOW_FILE.test(abs)) {
        if (PACK_FILES.includes(basename(abs))) targets.push(packTarget(resolve(abs, "..")));
        else throw new UserError(`${p}: not a flow file (expected a name ending in .flow.ts) or a pack.ts`, 2);
      } else targets.push({ kind: "flow", file: abs, name: basename(abs).replace(FLOW_FILE, "") });
    } else if (st.isDirectory()) {
      walk(abs, targets, 0);
    } else throw new UserError(`${p}: not a regular file or a folder (a fifo, a device or a socket cannot be built)`, 2);
  }
  const seen = new Map<string, BuildTarget>();
  for (const t of targets) {
    const output = outputFileName(t, format);
    const other = seen.get(output);
    if (other && other.file !== t.file) throw new UserError(`two build targets would both write ${output}: ${other.file} and ${t.file}`, 2);
    seen.set(output, t);
  }
  return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

function packTarget(dir: string): BuildTarget {
  return { kind: "pack", file: packFileIn(dir)!, name: basename(dir) };
}

function walk(dir: string, out: BuildTarget[], depth: number, seen = new Set<string>()): void {
  if (depth > 20) return;
  // a linked folder is walked once, whatever links lead to it (a link to a parent would loop)
  const real = realpathSync(dir);
  if (seen.has(real)) return;
  seen.add(real);
  if (packFileIn(dir)) {
    out.push(packTarget(dir));
    return;
  }
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const full = join(dir, name);
    const st = statOrUndefined(full);
    if (st === undefined || !(st.isDirectory() || st.isFile())) {
      // a broken link, a link loop (statSync throws ELOOP), a fifo...: only an error where a flow file was meant
      if (FLOW_FILE.test(name))
        throw new UserError(`${full}: not a readable flow file (${st ? "not a regular file" : "a broken link or a link loop"})`, 2);
      continue;
    }
    if (st.isDirectory()) walk(full, out, depth + 1, seen);
    else if (FLOW_FILE.test(name)) out.push({ kind: "flow", file: full, name: name.replace(FLOW_FILE, "") });
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The module hooks flow files load through (registered by load-source.ts; they run on Node's hooks thread).
 * They replace tsx with the least a flow file needs, which is most of a cold build's start-up saved:
 * - `import ... from "flocode"` (and `flocode/cards`, `flocode/testing`) always means the flocode running the
 *   build, wherever the flow file lives and whatever a tsconfig's `paths` say: one module instance for the DSL and
 *   the compiler, and flow files build even outside a project that installed flocode;
 * - TypeScript (`.ts`, `.mts`) is compiled by esbuild's `transform` (types stripped, an inline source map so that
 *   stack traces and mistakes name the lines of the source), always as an ES module; the output is kept in a disk
 *   cache keyed by a hash of the source, so a file compiled once loads without starting esbuild again;
 * - TypeScript's import conventions: `./x.js` finds `./x.ts`, `./x` finds `./x.ts` or `./x/index.ts`;
 * - watch mode: a module imported as `file.ts?flocode-rev=N` passes the same query on to the user modules it
 *   imports, so a rebuild evaluates the whole changed module graph afresh (ES modules are cached by URL); each
 *   import of a user module is reported to the main thread (the module graph watch mode rebuilds by).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MessagePort } from "node:worker_threads";

export const SELF = new Map<string, string>([
  ["flocode", "../index.js"],
  ["flocode/cards", "../cards/index.js"],
  ["flocode/testing", "../testing/index.js"],
]);

/** The module a `flocode` specifier means (a file URL). */
export function selfModule(specifier: string): string | undefined {
  const target = SELF.get(specifier);
  return target === undefined ? undefined : new URL(target, import.meta.url).href;
}

/** The query that marks a watch-mode revision of a user module. */
export const REVISION_PARAM = "flocode-rev";

export interface HooksData {
  /** Receives `{ parent, child }` (file URLs without query) for every import of a user module. */
  port?: MessagePort;
  /** Where compiled TypeScript is cached; none: no cache. */
  cacheDir?: string;
}

type Resolved = { url: string; format?: string | null; shortCircuit?: boolean };
type ResolveContext = { parentURL?: string; conditions?: string[]; importAttributes?: Record<string, string> };
type NextResolve = (specifier: string, context: ResolveContext) => Promise<Resolved>;
type Loaded = { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean };
type NextLoad = (url: string, context: { format?: string | null }) => Promise<Loaded>;

/** flocode's own folder (lib/ or src/'s parent): its modules are never user modules. */
const PACKAGE_ROOT = new URL("../../", import.meta.url).href;
const TYPESCRIPT = /\.m?ts$/;

let port: MessagePort | undefined;
let cacheDir: string | undefined;

export function initialize(data: HooksData | undefined): void {
  port = data?.port;
  cacheDir = data?.cacheDir;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<Resolved> {
  const self = selfModule(specifier);
  if (self !== undefined) return { url: self, shortCircuit: true };
  const resolved = await resolveWithTypeScriptConventions(specifier, context, nextResolve);
  const parent = context.parentURL;
  if (!isUserModule(resolved.url)) return resolved;
  const path = withoutQuery(resolved.url);
  let url = resolved.url;
  const revision = parent === undefined ? null : revisionOf(parent);
  if (revision !== null && !url.includes(`${REVISION_PARAM}=`)) url = `${path}?${REVISION_PARAM}=${revision}`;
  if (parent !== undefined && isUserModule(parent)) port?.postMessage({ parent: withoutQuery(parent), child: path });
  return { ...resolved, url, ...(TYPESCRIPT.test(path) ? { format: "module" } : {}) };
}

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<Loaded> {
  const path = withoutQuery(url);
  if (!url.startsWith("file:") || !TYPESCRIPT.test(path) || url.includes("/node_modules/")) return nextLoad(url, context);
  const file = fileURLToPath(path);
  const source = readFileSync(file, "utf8");
  return { format: "module", source: await compiled(source, file), shortCircuit: true };
}

async function resolveWithTypeScriptConventions(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<Resolved> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (!relative || parent === undefined || !TYPESCRIPT.test(withoutQuery(parent)) || !isNotFound(error)) throw error;
    for (const candidate of typeScriptCandidates(specifier)) {
      try {
        return await nextResolve(candidate, context);
      } catch (again) {
        if (!isNotFound(again)) throw again;
      }
    }
    throw error;
  }
}

/** `./x.js` → `./x.ts`; `./x.mjs` → `./x.mts`; `./x` → `./x.ts`, `./x/index.ts`. */
function typeScriptCandidates(specifier: string): string[] {
  if (/\.js$/.test(specifier)) return [specifier.replace(/\.js$/, ".ts")];
  if (/\.mjs$/.test(specifier)) return [specifier.replace(/\.mjs$/, ".mts")];
  if (/\.[cm]?[jt]s$/.test(specifier)) return [];
  return [`${specifier}.ts`, `${specifier}/index.ts`];
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "ERR_UNSUPPORTED_DIR_IMPORT";
}

function isUserModule(url: string): boolean {
  return url.startsWith("file:") && !url.startsWith(PACKAGE_ROOT) && !url.includes("/node_modules/");
}

function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function revisionOf(url: string): string | null {
  const query = url.indexOf("?");
  return query === -1 ? null : new URLSearchParams(url.slice(query + 1)).get(REVISION_PARAM);
}

/** What esbuild is asked for; part of the cache key, with esbuild's version. */
const TRANSFORM_OPTIONS = { loader: "ts", format: "esm", target: "node20", sourcemap: "inline", sourcesContent: false } as const;
let cacheSalt: string | undefined;

/** The name of a file's compiled TypeScript in the cache: a hash of the source, its path, esbuild and its options. */
export function transformCacheName(source: string, file: string): string {
  cacheSalt ??= JSON.stringify([esbuildVersion(), TRANSFORM_OPTIONS]);
  return `${createHash("sha256").update(cacheSalt).update("\0").update(file).update("\0").update(source).digest("hex")}.mjs`;
}

async function compiled(source: string, file: string): Promise<string> {
  const name = transformCacheName(source, file);
  const cached = cacheDir === undefined ? undefined : readCached(join(cacheDir, name));
  if (cached !== undefined) return cached;
  const { transform } = await import("esbuild");
  const { code } = await transform(source, { ...TRANSFORM_OPTIONS, sourcefile: file });
  if (cacheDir !== undefined) writeCached(cacheDir, name, code);
  return code;
}

function esbuildVersion(): string {
  return (createRequire(import.meta.url)("esbuild/package.json") as { version: string }).version;
}

export function readCached(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A cache that cannot be written only costs speed; a reader never sees a partial file (write, then rename). */
export function writeCached(dir: string, name: string, code: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, code);
    renameSync(tmp, join(dir, name));
  } catch {
    // the next build compiles again
  }
}

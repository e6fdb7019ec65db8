/**
 * A flow file whose compiled TypeScript is in the cache and whose only imports are `flocode` (and `node:`
 * built-ins) loads without the module hooks: its cached module, with each `flocode` specifier replaced by the URL
 * the hooks would resolve it to, is imported from the cache as it is. Registering the hooks starts Node's hooks
 * thread, the largest single cost of a cold build (Node 20 has no in-thread hooks); the same module text, the same
 * flocode modules and an inline source map (error positions name the flow file) make the two loads alike.
 * Anything else (a file not compiled yet, one that imports other files or packages, uses `import.meta` or dynamic
 * `import()`, watch mode) goes through the hooks as before.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readCached, selfModule, transformCacheName, writeCached } from "./flow-hooks.js";

/** One import statement as esbuild prints it: a default and/or named or namespace bindings, or none. */
const IMPORT_LINE = /^import (?:(?:[\w$]+|\{[^}]*\}|\* as [\w$]+)(?:, (?:\{[^}]*\}|\* as [\w$]+))? from )?"([^"\\]+)";$/;
/** Any other line that may be a module-level import or re-export (a template literal's line too: then no direct load). */
const OTHER_IMPORT = /^\s*(?:import\b|export\b[^;]*\bfrom\s*["'])/m;

/**
 * The compiled module with its `flocode` imports made absolute, when it can load without the hooks: its imports
 * are the leading import lines (as esbuild prints them), each of `flocode`, `flocode/cards`, `flocode/testing` or a
 * `node:` built-in, and nothing else in it imports or looks at its own URL. Otherwise undefined.
 */
export function directModuleText(code: string, self: (specifier: string) => string | undefined = selfModule): string | undefined {
  if (code.includes("import(") || code.includes("import.meta")) return undefined;
  const lines = code.split("\n");
  let i = 0;
  for (; i < lines.length && lines[i]!.startsWith("import"); i++) {
    const line = lines[i]!;
    const specifier = IMPORT_LINE.exec(line)?.[1];
    if (specifier === undefined) return undefined;
    const url = self(specifier);
    if (url !== undefined) lines[i] = `${line.slice(0, line.length - specifier.length - 3)}${JSON.stringify(url)};`;
    else if (!specifier.startsWith("node:")) return undefined;
  }
  if (OTHER_IMPORT.test(lines.slice(i).join("\n"))) return undefined;
  return lines.join("\n");
}

/**
 * The file URL of a flow file's directly loadable module in the cache (written from its cached compiled module the
 * first time), or undefined when it has to go through the hooks. Named by the compiled module and this flocode's
 * own location: two installs sharing a cache each import their own modules.
 */
export function directModuleUrl(file: string, cacheDir: string | undefined): string | undefined {
  if (cacheDir === undefined || !import.meta.url.endsWith(".js")) return undefined; // src/ runs under a test runner
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined; // the hooks report it
  }
  const compiledName = transformCacheName(source, file);
  const self = selfModule("flocode")!;
  const name = `${compiledName.slice(0, -".mjs".length)}-${createHash("sha256").update(self).digest("hex").slice(0, 12)}.direct.mjs`;
  const path = join(cacheDir, name);
  if (!existsSync(path)) {
    const compiled = readCached(join(cacheDir, compiledName));
    const direct = compiled === undefined ? undefined : directModuleText(compiled);
    if (direct === undefined) return undefined;
    writeCached(cacheDir, name, direct);
    if (!existsSync(path)) return undefined;
  }
  return pathToFileURL(path).href;
}

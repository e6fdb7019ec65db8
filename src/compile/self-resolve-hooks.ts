/**
 * Module resolution hooks for flow files:
 * - `import ... from "flocode"` (and `flocode/cards`, `flocode/testing`) always resolves to the flocode that is
 *   running the build, wherever the flow file lives: one module instance for the DSL and the compiler, and flow
 *   files build even outside a project that installed flocode;
 * - flow sources are ES modules (they `import` and `export default`), even in a folder whose package.json does
 *   not say `"type": "module"` (or that has none, like a fresh `flocode import` folder).
 */
export const SELF = new Map<string, string>([
  ["flocode", "../index.js"],
  ["flocode/cards", "../cards/index.js"],
  ["flocode/testing", "../testing/index.js"],
]);

type Resolved = { url: string; format?: string | null; shortCircuit?: boolean };
type NextResolve = (specifier: string, context: unknown) => Promise<Resolved>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<Resolved> {
  const target = SELF.get(specifier);
  if (target !== undefined) return { url: new URL(target, import.meta.url).href, shortCircuit: true };
  const resolved = await nextResolve(specifier, context);
  if (/\.ts$/.test(resolved.url) && !resolved.url.includes("/node_modules/") && resolved.format !== "module") {
    return { ...resolved, format: "module" };
  }
  return resolved;
}

/**
 * Module resolution hooks for flow files: `import ... from "flocode"` (and `flocode/cards`, `flocode/testing`)
 * always resolves to the flocode that is running the build, wherever the flow file lives. One module instance
 * for the DSL and the compiler, and flow files build even outside a project that installed flocode.
 */
const SELF = new Map<string, string>([
  ["flocode", "../index.js"],
  ["flocode/cards", "../cards/index.js"],
  ["flocode/testing", "../testing.js"],
]);

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  const target = SELF.get(specifier);
  if (target !== undefined) return { url: new URL(target, import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}

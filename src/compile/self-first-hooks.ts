/**
 * Registered after tsx, so that it resolves before it: `flocode` and `flocode/cards` mean the flocode running the
 * build even where a tsconfig's `paths` (which tsx follows) map them elsewhere, e.g. to the sources of a flocode
 * checkout; otherwise a flow file's DSL and the compiler would be two module instances. Everything else goes on
 * to tsx and then to self-resolve-hooks.ts.
 */
import { SELF } from "./self-resolve-hooks.js";

type Resolved = { url: string; format?: string | null; shortCircuit?: boolean };
type NextResolve = (specifier: string, context: unknown) => Promise<Resolved>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<Resolved> {
  const target = SELF.get(specifier);
  if (target !== undefined) return { url: new URL(target, import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}

/**
 * The compiler. Pipeline, in order:
 *   1. findTargets   paths → flow files and pack folders (targets.ts)
 *   2. load          a target's default export, TypeScript compiled on the fly (load-source.ts)
 *   3. lower         DSL values → IR onto the catalog's card templates (lower.ts; its parts in lower/)
 *   4. emit          IR → flopack JSON with derived ids (emit.ts, emit-card.ts)
 *   5. validate      the emitted text, before anything is written (compile.ts)
 * The `flocode build` command around them is src/cli/run-build.ts.
 */
import type { JsonObject } from "../util/json.js";
import { createdTimestamp } from "./emit.js";
import { compileTarget } from "./compile.js";
import { findTargets } from "./targets.js";

export { findTargets, type BuildTarget } from "./targets.js";
export { compileTarget, type CompiledPack } from "./compile.js";
export { lower, type LowerInput } from "./lower.js";
export { emitPack, createdTimestamp } from "./emit.js";

/** Compiles every target found at `path` in memory (for show, diff, graph and checklist of flow sources). */
export async function compileSource(path: string): Promise<{ outputs: Array<{ name: string; flopack: JsonObject; text: string }> }> {
  const outputs = [];
  for (const target of findTargets([path])) {
    const built = await compileTarget(target, { created: createdTimestamp() });
    outputs.push({ name: target.name, flopack: built.flopack, text: built.text });
  }
  return { outputs };
}

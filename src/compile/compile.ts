/**
 * Compiles one build target into flopack text: load the file, lower its flows onto the catalog, emit, then
 * validate the result before anyone writes it.
 */
import { dirname } from "node:path";
import { loadCatalog, type Catalog } from "../catalog/store.js";
import type { IrPack } from "../ir/types.js";
import { DslError, FlowFileErrors } from "../dsl/errors.js";
import { collectingProblems } from "../dsl/problems.js";
import { withSuggestions } from "./user-errors.js";
import type { JsonObject } from "../util/json.js";
import type { FlowDef } from "../dsl/types.js";
import type { PackDef } from "../dsl/flow.js";
import { UserError } from "../util/errors.js";
import type { Finding } from "../util/finding.js";
import { createdTimestamp, emitPack } from "./emit.js";
import { loadDefaultExport, type LoadOptions } from "./load-source.js";
import { lower } from "./lower.js";
import type { BuildTarget } from "./targets.js";

export interface CompiledPack {
  target: BuildTarget;
  flopack: JsonObject;
  /** Compact JSON, as Okta writes it. */
  text: string;
  /** Warnings from validation (errors make compileTarget throw). */
  warnings: Finding[];
}

/**
 * The mistakes of a flow file are thrown together, in source order (FlowFileErrors); anything else thrown is a bug
 * in flocode and goes on up as it is.
 */
export async function compileTarget(target: BuildTarget, options: { created?: string; load?: LoadOptions } = {}): Promise<CompiledPack> {
  const ir = await collectingProblems(async () => {
    try {
      const exported = await loadDefaultExport(target.file, options.load);
      const { flows, pack } = asFlows(exported, target);
      const catalog = loadCatalog({ searchFrom: dirname(target.file) });
      const lowered = lower(
        { flows, pack, defaultFolder: pack?.options.name ?? (target.kind === "flow" ? flows[0]!.options.name : target.name) },
        catalog,
      );
      return { lowered, catalog };
    } catch (error) {
      if (error instanceof FlowFileErrors) throw new FlowFileErrors(await withSuggestions(error.errors));
      if (error instanceof DslError) throw new FlowFileErrors(await withSuggestions([error]));
      throw error;
    }
  });
  return emitTarget(target, ir.lowered, ir.catalog, options);
}

async function emitTarget(target: BuildTarget, ir: IrPack, catalog: Catalog, options: { created?: string }): Promise<CompiledPack> {
  const flopack = emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: options.created ?? createdTimestamp() });
  const text = JSON.stringify(flopack);
  const findings = await validateEmitted(text, target.file);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const lines = errors.slice(0, 20).map((f) => `  ${f.pointer || "/"}: ${f.code} ${f.message}`);
    throw new UserError(`${target.file}: the built flopack is invalid (a flocode bug or a raw patch gone wrong):\n${lines.join("\n")}`, 1);
  }
  return { target, flopack, text, warnings: findings.filter((f) => f.severity === "warning" && !NOT_FOR_BUILT_FILES.has(f.code)) };
}

/**
 * Warnings about what only Okta can write: environment ids (`parents.*.data.id`, FP209) are assigned when a
 * flopack is imported, so a built file never has them (neither do some real exports, e.g. the seed's cards).
 */
const NOT_FOR_BUILT_FILES = new Set(["FP209"]);

function asFlows(exported: unknown, target: BuildTarget): { flows: FlowDef[]; pack?: PackDef } {
  const kind = (exported as { kind?: unknown } | null)?.kind;
  if (kind === "flow") return { flows: [exported as FlowDef] };
  if (kind === "pack") {
    const pack = exported as PackDef;
    if (pack.options.flows.length === 0) throw new UserError(`${target.file}: the pack has no flows`, 1);
    return { flows: [...pack.options.flows], pack };
  }
  throw new UserError(`${target.file}: the default export must be flow({...})${target.kind === "pack" ? " or pack({...})" : ""}`, 1);
}

/** Validation of emitted text (schema + rules); loaded on first use. */
async function validateEmitted(text: string, file: string): Promise<Finding[]> {
  const { validateText } = await import("../rules/index.js");
  return validateText(text, file);
}

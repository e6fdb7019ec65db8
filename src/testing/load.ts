/**
 * What a test or `flocode run` hands the simulator, made into a pack it can run (IR and catalog templates):
 * a flow or pack definition (the default export of a `.flow.ts` / `pack.ts`, lowered as `build` lowers it), a
 * flow source file (loaded the way `build` loads it), an export file (read by the flopack reader, lifted as
 * `import` lifts it: cards the catalog lacks are learned from the file), or a parsed flopack.
 */
import { dirname } from "node:path";
import { loadCatalog, type Catalog } from "../catalog/store.js";
import { lower } from "../compile/lower.js";
import { loadDefaultExport } from "../compile/load-source.js";
import type { PackDef } from "../dsl/flow.js";
import type { FlowDef } from "../dsl/types.js";
import { readFlopackFile } from "../format/parse.js";
import { liftPack } from "../lift/lift-pack.js";
import { flagsOf } from "../simulate/convert.js";
import type { SimulationInput } from "../simulate/simulate.js";
import { UserError } from "../util/errors.js";
import { formatFinding } from "../util/finding.js";
import { isObject, type JsonObject } from "../util/json.js";

/** Anything `simulate` runs: a flow or pack definition, a file path, or a parsed flopack object. */
export type FlowSource = FlowDef | PackDef | string | Readonly<Record<string, unknown>>;

const FLOW_SOURCE = /\.(flow\.)?(ts|mts|js|mjs)$/;

export async function loadSource(source: FlowSource, options: { catalog?: Catalog } = {}): Promise<SimulationInput> {
  if (typeof source === "string") return loadFile(source, options.catalog);
  const kind = (source as { kind?: unknown }).kind;
  if (kind === "flow" || kind === "pack")
    return fromDefinition(source as FlowDef | PackDef, options.catalog ?? loadCatalog({ searchFrom: process.cwd() }));
  if (isObject(source) && source.type === "flopack")
    return fromFlopack(source as JsonObject, options.catalog ?? loadCatalog({ searchFrom: process.cwd() }));
  throw new UserError("simulate: expected a flow (the default export of a .flow.ts file), a pack, a file path or a parsed flopack", 2);
}

async function loadFile(path: string, catalog: Catalog | undefined): Promise<SimulationInput> {
  if (FLOW_SOURCE.test(path)) {
    const exported = await loadDefaultExport(path);
    const kind = (exported as { kind?: unknown } | null)?.kind;
    if (kind !== "flow" && kind !== "pack") throw new UserError(`${path}: the default export must be flow({...}) or pack({...})`, 2);
    return fromDefinition(exported as FlowDef | PackDef, catalog ?? loadCatalog({ searchFrom: dirname(path) }));
  }
  const read = readFlopackFile(path);
  if (!read.ok) {
    const first = read.findings[0];
    throw new UserError(first ? formatFinding({ ...first, file: first.file ?? path }) : `${path}: not a valid flopack`, 2);
  }
  return fromFlopack(read.flopack as unknown as JsonObject, catalog ?? loadCatalog({ searchFrom: dirname(path) }));
}

function fromDefinition(def: FlowDef | PackDef, catalog: Catalog): SimulationInput {
  const pack = def.kind === "pack" ? (def as PackDef) : undefined;
  const flows = pack ? [...pack.options.flows] : [def as FlowDef];
  const defaultFolder = pack?.options.name ?? (flows[0]?.options.name || "flows");
  const ir = lower({ flows, ...(pack ? { pack } : {}), defaultFolder }, catalog);
  return { pack: ir, templates: (address, variant) => catalog.get(address, variant)?.template };
}

function fromFlopack(flopack: JsonObject, catalog: Catalog): SimulationInput {
  const { pack, learned } = liftPack(flopack, { template: (a, v) => catalog.get(a, v)?.template });
  const own = new Map(learned.map((l) => [`${l.address}#${l.variant}`, l.template]));
  return {
    pack,
    templates: (address, variant) => catalog.get(address, variant)?.template ?? own.get(`${address}#${variant}`),
    flags: flagsOf(flopack.flags),
  };
}

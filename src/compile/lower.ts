/**
 * DSL → IR (the parts: src/compile/lower/). Phases, in order:
 *   1. record     run every flow body, and transitively every helper flow it calls (lower/record.ts)
 *   2. index      name the flows (lower/flow-index.ts); flows kept elsewhere (`externalFlow`) are named as met
 *                 (the pack's list first); two flows of one name are an error unless one copies the other (lower/copies.ts)
 *   3. objects    name the folders, tables and connections the pack file declares (lower/pack-objects.ts);
 *                 those the flows use are named as lowering meets them
 *   4. flows      lower each flow onto the catalog's templates (lower/flow.ts → scope, node, card, wires, ...)
 * Every mistake is a DslError naming the flow file and line. Lowering goes on past each one (lower/diagnostics.ts)
 * and ends by throwing them all, in source order (FlowFileErrors).
 */
import type { Catalog } from "../catalog/store.js";
import type { IrFlow, IrPack } from "../ir/types.js";
import { DslError, FlowFileErrors } from "../dsl/errors.js";
import type { FlowDef } from "../dsl/types.js";
import type { PackDef } from "../dsl/flow.js";
import { toJson } from "./lower/constants.js";
import { lowerFlow } from "./lower/flow.js";
import { markCopies } from "./lower/copies.js";
import { externalFlowRef, indexFlows } from "./lower/flow-index.js";
import { connectionRef, folderRef, irConnections, newPackObjects, tableRef } from "./lower/pack-objects.js";
import { attempt, Diagnostics } from "./lower/diagnostics.js";
import { recordFlows } from "./lower/record.js";
import type { PackState } from "./lower/state.js";

export interface LowerInput {
  flows: readonly FlowDef[];
  pack?: PackDef;
  /** Folder for flows and tables that name none (a pack always has a folder). */
  defaultFolder: string;
}

export function lower(input: LowerInput, catalog: Catalog): IrPack {
  const diagnostics = new Diagnostics();
  const step = (f: () => void): void => attempt(diagnostics, f, () => undefined);
  const recordings = recordFlows(input.flows, (e) => diagnostics.report(e));
  const state: PackState = {
    catalog,
    flows: indexFlows(recordings),
    objects: newPackObjects(input.defaultFolder),
    diagnostics,
  };
  const packOptions = input.pack?.options;
  for (const f of packOptions?.folders ?? []) step(() => folderRef(state.objects, f));
  for (const t of packOptions?.tables ?? []) step(() => tableRef(state.objects, t));
  for (const c of packOptions?.connections ?? []) step(() => connectionRef(state.objects, c, undefined));
  for (const x of packOptions?.externalFlows ?? [])
    step(() => {
      if (x?.kind !== "externalFlow")
        throw new DslError("pack({ externalFlows }) takes flows made with externalFlow(name)", input.pack?.site);
      externalFlowRef(state.flows, x, input.pack?.site);
    });
  const lowered: IrFlow[] = [];
  const defs: FlowDef[] = [];
  for (const rec of recordings.values())
    step(() => {
      lowered.push(lowerFlow(state, rec));
      defs.push(rec.def);
    });
  let flows = lowered;
  step(() => (flows = markCopies(lowered, defs)));
  const pack: IrPack = {
    folders: state.objects.folders,
    connections: irConnections(state.objects),
    tables: state.objects.tables,
    flows,
    externalFlows: [...state.flows.externals.values()],
  };
  if (packOptions?.raw?.projectOverview !== undefined)
    step(() => (pack.projectOverview = toJson(packOptions.raw!.projectOverview, "projectOverview", input.pack?.site)));
  if (diagnostics.count > 0) throw new FlowFileErrors(diagnostics.sorted());
  return pack;
}

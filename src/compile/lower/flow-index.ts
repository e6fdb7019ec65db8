/** The flows of a pack: their refs (names as slugs, made unique), found by definition, by name or by the token of their recording. */
import { slug, UniqueNames } from "../../util/names.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, FlowDef, FlowRefLike } from "../../dsl/types.js";
import type { Diagnostics } from "./diagnostics.js";
import type { FlowRecording } from "./record.js";

export interface FlowIndex {
  readonly refs: ReadonlyMap<FlowDef, string>;
  readonly byName: ReadonlyMap<string, FlowDef>;
  /** The flow a recorded card belongs to, by its `owner` (the recording's token). */
  readonly byOwner: ReadonlyMap<object, FlowDef>;
}

/** Refs in recording order; two flows of one name are a mistake. */
export function indexFlows(recordings: ReadonlyMap<FlowDef, FlowRecording>, diagnostics: Diagnostics): FlowIndex {
  const byName = new Map<string, FlowDef>();
  for (const def of recordings.keys()) {
    if (byName.has(def.options.name))
      diagnostics.report(
        new DslError(`two flows are named ${JSON.stringify(def.options.name)}; flow names must be unique in a pack`, def.site),
      );
    else byName.set(def.options.name, def);
  }
  const names = new UniqueNames();
  const refs = new Map<FlowDef, string>();
  for (const def of recordings.keys()) refs.set(def, names.take(slug(def.options.name, "flow")));
  const byOwner = new Map<object, FlowDef>();
  for (const rec of recordings.values()) byOwner.set(rec.recording.flow, rec.def);
  return { refs, byName, byOwner };
}

/** The ref of a flow given by definition or by name (`flowNamed`); an error when the pack has no such flow. */
export function flowRef(index: FlowIndex, value: FlowRefLike, site: CallSite | undefined): string {
  const def = value?.kind === "flow" ? value : value?.kind === "flowName" ? index.byName.get(value.name) : undefined;
  const ref = def ? index.refs.get(def) : undefined;
  if (!ref)
    throw new DslError(
      `no flow named ${JSON.stringify(value?.kind === "flowName" ? value.name : (value as FlowDef | undefined)?.options?.name)} in this pack`,
      site,
    );
  return ref;
}

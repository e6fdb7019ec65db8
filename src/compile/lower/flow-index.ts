/**
 * The flows of a pack: their refs (names as slugs, made unique), found by definition, by name or by the token of
 * their recording; and the flows kept outside the pack (`externalFlow`), named as lowering meets them.
 */
import type { IrExternalFlow } from "../../ir/types.js";
import { slug, UniqueNames } from "../../util/names.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, ExternalFlow, FlowDef, FlowRefLike } from "../../dsl/types.js";
import type { FlowRecording } from "./record.js";

export interface FlowIndex {
  readonly refs: ReadonlyMap<FlowDef, string>;
  readonly byName: ReadonlyMap<string, FlowDef>;
  /** The flow a recorded card belongs to, by its `owner` (the recording's token). */
  readonly byOwner: ReadonlyMap<object, FlowDef>;
  /** Flows kept elsewhere, by name, in the order they were first met (filled while lowering). */
  readonly externals: Map<string, IrExternalFlow>;
  /** Names taken by refs of flows and external flows (both are keys of `data.flos`). */
  readonly names: UniqueNames;
}

/**
 * Refs in recording order. Two flows of one name are an error unless they are copies (lower.ts checks that they
 * lower to the same flow: an export may hold the same flow twice).
 */
export function indexFlows(recordings: ReadonlyMap<FlowDef, FlowRecording>): FlowIndex {
  const byName = new Map<string, FlowDef>();
  for (const def of recordings.keys()) if (!byName.has(def.options.name)) byName.set(def.options.name, def);
  const names = new UniqueNames();
  const refs = new Map<FlowDef, string>();
  for (const def of recordings.keys()) refs.set(def, names.take(slug(def.options.name, "flow")));
  const byOwner = new Map<object, FlowDef>();
  for (const rec of recordings.values()) byOwner.set(rec.recording.flow, rec.def);
  return { refs, byName, byOwner, externals: new Map(), names };
}

/** The ref of a flow given by definition, by name (`flowNamed`) or as kept elsewhere (`externalFlow`). */
export function flowRef(index: FlowIndex, value: FlowRefLike, site: CallSite | undefined): string {
  if (value?.kind === "externalFlow") return externalFlowRef(index, value, site);
  const def = value?.kind === "flow" ? value : value?.kind === "flowName" ? index.byName.get(value.name) : undefined;
  const ref = def ? index.refs.get(def) : undefined;
  if (!ref)
    throw new DslError(
      `no flow named ${JSON.stringify(value?.kind === "flowName" ? value.name : (value as FlowDef | undefined)?.options?.name)} in this pack`,
      site,
    );
  return ref;
}

/** The ref of a flow kept elsewhere: one per name; its stub is written with the pack. */
export function externalFlowRef(index: FlowIndex, value: ExternalFlow, site: CallSite | undefined): string {
  const where = value.site ?? site;
  if (index.byName.has(value.name))
    throw new DslError(
      `flow ${JSON.stringify(value.name)} is in this pack: call it directly, not as externalFlow(${JSON.stringify(value.name)})`,
      where,
    );
  const known = index.externals.get(value.name);
  if (known) {
    if (known.description !== value.description)
      throw new DslError(
        `externalFlow(${JSON.stringify(value.name)}) is given two descriptions (${JSON.stringify(known.description)}, ${JSON.stringify(value.description)})`,
        where,
      );
    return known.ref;
  }
  const ref = index.names.take(slug(value.name, "flow"));
  index.externals.set(value.name, { ref, name: value.name, description: value.description });
  return ref;
}

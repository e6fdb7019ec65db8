/**
 * A card spec on its catalog template → an IR card: its ref, connection and patches, the entries of both sides
 * (template and custom), its error policy, the values the flow file gives it and its Join hand-ons.
 */
import type { CatalogEntry } from "../../catalog/entry.js";
import type { IrCard, Json, JsonObject } from "../../ir/types.js";
import { cloneJson, jsonEqual } from "../../util/json.js";
import { slug } from "../../util/names.js";
import type { RecordedNode } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import type { CardSpec } from "../../dsl/types.js";
import { actionKey, connectorOf } from "../../shapes/address.js";
import { entryRefKey, findEntry, modelOf, typeOf } from "../../shapes/entries.js";
import { takesNoConnection } from "../../shapes/known-cards.js";
import { attempt } from "./diagnostics.js";
import { cardSide, customOutputsOf } from "./card-entries.js";
import { lowerCardValues } from "./card-values.js";
import { policyOf } from "./error-policy.js";
import { expandNameSource } from "./expand.js";
import { flowRef } from "./flow-index.js";
import { lowerExplicitJoins } from "./joins.js";
import { cardLink } from "./lowered-cards.js";
import { connectionRef } from "./pack-objects.js";
import type { FlowState, LoweredCard } from "./state.js";
import { tableColumnFields } from "./table-columns.js";
import { blankCard } from "../../ir/blank-card.js";

/**
 * `forcedName` overrides the spec's name (event roots, expand cards); `node` is undefined for cards that are no
 * recorded node (the event wrapper's). `suspect`: an input is wired to an output that does not exist (node.ts).
 */
export function lowerCard(
  state: FlowState,
  entry: CatalogEntry,
  spec: CardSpec<unknown>,
  forcedName: string | undefined,
  role: RecordedNode["role"],
  node?: RecordedNode,
  flags: { suspect?: boolean } = {},
): LoweredCard {
  const site = spec.site;
  const name = forcedName ?? spec.name ?? entry.name;
  if (typeof name !== "string") throw new DslError(`card ${spec.address}: the name must be a string`, site);
  const label = `card ${JSON.stringify(name)}`;
  const model = modelOf(entry.template);
  const action = actionKey(spec.address);
  const card = irCard(state, spec, entry.variant, name, model, label);

  const columns = tableColumnFields(spec, action, model);
  const inputs = cardSide(card, model, "inputs", spec.removeInputs, action, [...(spec.customInputs ?? []), ...columns.inputs], site, label);
  const outputs = cardSide(
    card,
    model,
    "outputs",
    spec.removeOutputs,
    action,
    [...customOutputsOf(spec, action), ...columns.outputs],
    site,
    label,
  );
  const lowered: LoweredCard = {
    card,
    node: node ?? ({ kind: "cardNode", spec, owner: state.token, scope: state.scope!, index: -1, role } as RecordedNode),
    given: new Set(),
    inputs: inputs.map((x) => ({ ref: x.ref, entry: x.entry })),
    outputs: outputs.map((x) => ({ ref: x.ref, type: typeOf(x.entry) })),
    ...(flags.suspect ? { suspect: true } : {}),
  };
  if (node) state.lowered.set(node, lowered);
  state.byCard.set(card, lowered);
  noteProblems(state, lowered, spec);
  card.policy = attempt(
    state.pack.diagnostics,
    () =>
      policyOf(
        spec.policy,
        (f) => flowRef(state.pack.flows, f, site),
        (i) => state.lowerInline(state, i, lowered),
        site,
      ),
    () => card.policy,
  );
  lowerCardValues(state, lowered, spec, { inputs, outputs, columnInputs: columns.inputs }, label);
  lowerExplicitJoins(card, spec, inputs, outputs, label);
  return lowered;
}

/**
 * Reports the mistakes found while the flow file made the spec (dsl/problems.ts): the inputs they concern count
 * as given (they are left out of the spec; "missing required input" would repeat the mistake).
 */
function noteProblems(state: FlowState, lowered: LoweredCard, spec: CardSpec<unknown>): void {
  for (const p of state.pack.diagnostics.problemsOf(spec)) {
    if (p.incomplete) lowered.incomplete = true;
    for (const key of p.keys ?? []) {
      const i = findEntry(
        lowered.inputs.map((x) => x.entry),
        key,
      );
      if (i >= 0) lowered.given.add(entryRefKey(lowered.inputs[i]!.ref));
    }
  }
}

/** The IR card before its entries: ref (its name, unique in the flow), connection, comments and raw patches. */
function irCard(state: FlowState, spec: CardSpec<unknown>, variant: string, name: string, model: JsonObject, label: string): IrCard {
  const site = spec.site;
  const card: IrCard = blankCard({ ref: state.cardRefs.take(slug(name, "card")), address: spec.address, variant, name });
  if (spec.connection) {
    const connection = spec.connection;
    attempt(
      state.pack.diagnostics,
      () => {
        const none = takesNoConnection(spec.address);
        if (none) throw new DslError(`${label} takes no connection, but is given ${JSON.stringify(connection.name)}: ${none}`, site);
        const connector = connectorOf(spec.address);
        if (connection.connector !== connector) {
          throw new DslError(
            `connection ${JSON.stringify(connection.name)} is a ${connection.connector} connection, but ${label} needs ${connector}`,
            site,
          );
        }
        card.connection = { ref: connectionRef(state.pack.objects, connection, site) };
      },
      () => undefined,
    );
  }
  if (spec.configRef !== undefined) {
    card.configRef =
      typeof spec.configRef === "string" ? { dangling: spec.configRef } : { ref: connectionRef(state.pack.objects, spec.configRef, site) };
  }
  if (spec.comments !== undefined && !jsonEqual(spec.comments, model.comments)) card.comments = cloneJson(spec.comments);
  for (const [k, v] of Object.entries(spec.patch ?? {})) if (k !== "__proto__") card.modelPatch[k] = cloneJson(v as Json);
  for (const k of spec.removeModelKeys ?? []) card.removedModelKeys.push(k);
  for (const [k, v] of Object.entries(spec.methodPatch ?? {})) if (k !== "__proto__") card.methodPatch[k] = cloneJson(v as Json);
  const nameSource = expandNameSource(spec);
  if (nameSource) {
    state.deferred.push(() => {
      const l = cardLink(state, nameSource, site);
      if ("ref" in l) card.nameOf = l.ref;
    });
  }
  return card;
}

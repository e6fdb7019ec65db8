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
import { modelOf, typeOf } from "../../shapes/entries.js";
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

/**
 * `forcedName` overrides the spec's name (event roots, expand cards); `node` is undefined for cards that are no
 * recorded node (the event wrapper's).
 */
export function lowerCard(
  state: FlowState,
  entry: CatalogEntry,
  spec: CardSpec<unknown>,
  forcedName: string | undefined,
  role: RecordedNode["role"],
  node?: RecordedNode,
): LoweredCard {
  const site = spec.site;
  const name = forcedName ?? spec.name ?? entry.name;
  if (typeof name !== "string") throw new DslError(`card ${spec.address}: the name must be a string`, site);
  const label = `card ${JSON.stringify(name)}`;
  const model = modelOf(entry.template);
  const action = actionKey(spec.address);
  const card = irCard(state, spec, entry.variant, name, model, label);

  const columns = tableColumnFields(spec, action);
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
  };
  if (node) state.lowered.set(node, lowered);
  state.byCard.set(card, lowered);
  card.policy = policyOf(
    spec.policy,
    (f) => flowRef(state.pack.flows, f, site),
    (i) => state.lowerInline(state, i, lowered),
    site,
  );
  lowerCardValues(state, lowered, spec, { inputs, outputs, columnInputs: columns.inputs }, label);
  lowerExplicitJoins(card, spec, inputs, outputs, label);
  return lowered;
}

/** The IR card before its entries: ref (its name, unique in the flow), connection, comments and raw patches. */
function irCard(state: FlowState, spec: CardSpec<unknown>, variant: string, name: string, model: JsonObject, label: string): IrCard {
  const site = spec.site;
  const card: IrCard = {
    ref: state.cardRefs.take(slug(name, "card")),
    address: spec.address,
    variant,
    name,
    connection: null,
    inputValues: [],
    outputValues: [],
    extraInputs: [],
    extraOutputs: [],
    removedInputs: [],
    removedOutputs: [],
    policy: { error: { type: "finish" } },
    pins: [],
    branches: [],
    joins: [],
    modelPatch: {},
    removedModelKeys: [],
    methodPatch: {},
  };
  if (spec.connection) {
    const connector = connectorOf(spec.address);
    if (connector === undefined) throw new DslError(`${label} is a function card and takes no connection`, site);
    if (spec.connection.connector !== connector) {
      throw new DslError(
        `connection ${JSON.stringify(spec.connection.name)} is a ${spec.connection.connector} connection, but ${label} needs ${connector}`,
        site,
      );
    }
    card.connection = { ref: connectionRef(state.pack.objects, spec.connection, site) };
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

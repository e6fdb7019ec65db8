/**
 * Hidden Object Expand cards (`f.expand`), written as the Okta console writes them (their shape:
 * src/shapes/expand.ts). The orderings rule below gives back the orderings of 113/113 corpus cards exactly,
 * duplicates included.
 */
import type { NodeRole, RecordedNode, Recording } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { cardHandle } from "../../dsl/handle.js";
import type { Card, CallSite, CardSpec, CustomField, OktaType } from "../../dsl/types.js";
import type { ValueType } from "../../shapes/conversion.js";
import { expandInputEntry, expandOutputEntries, fieldAt } from "../../shapes/expand.js";
import { EXPAND_ADDRESS } from "../../shapes/known-cards.js";
import { cloneJson, isObject } from "../../util/json.js";

type ExpandRole = Extract<NodeRole, { kind: "expand" }>;

/** The card spec of an `f.expand` node, given its source card and the source output's key and type. */
export function expandSpec(
  role: ExpandRole,
  source: RecordedNode,
  outputKey: string,
  type: ValueType,
  what: string,
  site: CallSite | undefined,
): CardSpec<unknown> {
  if (!isObject(type.type) || type.collection) {
    throw new DslError(
      `f.expand(): ${what} is ${type.collection ? "a list" : `of type ${String(type.type)}`}, not an object with known fields; read it with field(...) (an Object Get card)`,
      site,
    );
  }
  const schema = type.type;
  const card = cardHandle(source) as Card<unknown>;
  const link = (): NonNullable<CustomField["source"]> => ({ card, output: outputKey });
  const input: CustomField = { key: "object", type: cloneJson(schema), raw: expandInputEntry(schema), value: role.source, source: link() };
  const outputs = role.fields.flatMap(({ group, path }): CustomField[] => {
    const field = fieldAt(schema, path);
    if (!field)
      throw new DslError(
        `f.expand(): ${what} has no field ${JSON.stringify(path.join("."))}; its fields: ${
          Object.keys(schema)
            .map((k) => JSON.stringify(k))
            .join(", ") || "none"
        }`,
        site,
      );
    const [key, value] = expandOutputEntries(group, path, field);
    return [
      { key: "key", group, type: "string", collection: true, raw: key, source: link() },
      { key: "value", group, type: field.type as OktaType, collection: field.collection, raw: value, source: link() },
    ];
  });
  return { kind: "card", address: EXPAND_ADDRESS, customInputs: [input], customOutputs: outputs, site };
}

/** The orderings of the scope's expand cards (appended after the recorded ones). */
export function expandEdges(recording: Recording): Array<[RecordedNode, RecordedNode]> {
  const isExpand = (n: RecordedNode): boolean => n.role.kind === "expand";
  const out: Array<[RecordedNode, RecordedNode]> = [];
  const earlier = new Map<RecordedNode, RecordedNode[]>();
  for (const node of recording.nodes) {
    if (node.role.kind !== "expand") continue;
    const source = node.role.source.node as RecordedNode;
    const next: RecordedNode[] = [];
    for (const [a, b] of recording.edges) if (a === source && !isExpand(b) && !next.includes(b)) next.push(b);
    const before = earlier.get(source) ?? [];
    out.push([source, node]);
    for (let i = 0; i < node.role.fields.length; i++) {
      for (const t of [...next, ...before]) out.push([node, t]);
      out.push([node, node]);
    }
    earlier.set(source, [...before, node]);
  }
  return out;
}

/**
 * An expand card is named after the card its input reads, as Okta names it (113/113 corpus cards); its `name`
 * in a spec only names its ref.
 */
export function expandNameSource(spec: CardSpec<unknown>): Card<unknown> | undefined {
  if (spec.address !== EXPAND_ADDRESS) return undefined;
  const card = spec.customInputs?.[0]?.source?.card;
  return card && "$node" in card ? (card as Card<unknown>) : undefined;
}

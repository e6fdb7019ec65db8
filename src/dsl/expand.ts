/**
 * `f.expand(output, { name: path })`: the sub-fields of an object output, as the Okta console reads them (a
 * hidden Object Expand card, FLOPACK.md §6.9). The builder places the card; `lower` gives it its entries
 * (from the source output's schema) and its orderings (see src/compile/lower/expand.ts).
 */
import { DslError } from "./errors.js";
import { isRef, makeRef } from "./handle.js";
import { userCallSite } from "./site.js";
import type { CardSpec, Ref } from "./types.js";
import type { NodeRole, Recording, RecordedNode } from "./recording.js";
import { shortId } from "../util/ids.js";
import { EXPAND_ADDRESS } from "../shapes/known-cards.js";

export function expandFields(
  recording: Recording,
  source: Ref,
  fields: Readonly<Record<string, string | readonly string[]>>,
  place: (spec: CardSpec<unknown>, role: NodeRole) => RecordedNode,
): Record<string, Ref> {
  const site = userCallSite();
  if (!isRef(source))
    throw new DslError('f.expand() takes a card output as its first argument, e.g. f.expand(user.profile, { id: "id" })', site);
  if (source.node.owner !== recording.flow) throw new DslError("f.expand(): that output belongs to a card of another flow", site);
  if (source.path && source.path.length > 0)
    throw new DslError("f.expand() takes a card output, not a field(...) of one; list the whole path instead", site);
  if (typeof fields !== "object" || fields === null || Array.isArray(fields))
    throw new DslError("f.expand(output, fields): fields must be an object { name: path }", site);
  const entries = Object.entries(fields);
  if (entries.length === 0) throw new DslError("f.expand(): give at least one field", site);
  const index = recording.nodes.length;
  const list = entries.map(([name, path], i) => {
    const segments = typeof path === "string" ? [path] : Array.isArray(path) ? [...(path as readonly unknown[])] : [];
    if (segments.length === 0 || segments.some((s) => typeof s !== "string" || s === "")) {
      throw new DslError(`f.expand(): field ${JSON.stringify(name)} needs a path: a field name or a non-empty list of field names`, site);
    }
    // Group ids only tie each field's two outputs together: unique within the card is enough.
    return { name, group: shortId("expand-group", String(index), String(i)), path: segments as string[] };
  });
  const node = place(
    { kind: "card", address: EXPAND_ADDRESS, site },
    { kind: "expand", source, fields: list.map(({ group, path }) => ({ group, path })) },
  );
  const out = Object.create(null) as Record<string, Ref>;
  for (const f of list) Object.defineProperty(out, f.name, { value: makeRef(node, `${f.group}/value`), enumerable: true });
  return Object.freeze(out);
}

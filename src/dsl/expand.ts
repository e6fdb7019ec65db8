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

/** Whether a type's fields are unknown (`any`, `unknown`, an object with a string index: `OktaObject`). */
type IsOpen<T> = 0 extends 1 & T ? true : unknown extends T ? true : T extends object ? (string extends keyof T ? true : false) : true;
type Fields<T> = T extends readonly unknown[] ? never : T extends object ? keyof T & string : never;
type Depth = [never, 0, 1, 2, 3];

/**
 * A path `f.expand` takes into an output of type T: a field name, or the names of a nested field, up to five deep.
 * Outputs whose schema is known complete in an editor; others take any names.
 */
export type ExpandPath<T, D extends number = 4> =
  IsOpen<T> extends true
    ? string | readonly string[]
    : | Fields<T>
      | ([D] extends [never] ? never : { [K in Fields<T>]: readonly [K] | readonly [K, ...ExpandTuple<T[K], Depth[D]>] }[Fields<T>]);
type ExpandTuple<T, D extends number> = [D] extends [never]
  ? []
  : IsOpen<T> extends true
    ? readonly string[]
    : { [K in Fields<T>]: readonly [K] | readonly [K, ...ExpandTuple<T[K], Depth[D]>] }[Fields<T>];

/** The type of the field a path reaches (`any` where the schema is unknown). */
export type ExpandType<T, P> =
  IsOpen<T> extends true
    ? // eslint-disable-next-line @typescript-eslint/no-explicit-any
      any
    : P extends keyof T
      ? T[P]
      : P extends readonly [infer K, ...infer R]
        ? K extends keyof T
          ? R extends readonly []
            ? T[K]
            : ExpandType<T[K], R>
          : never
        : never;

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

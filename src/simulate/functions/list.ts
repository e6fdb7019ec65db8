/**
 * List cards that are plain functions of their inputs (module `list`): Construct, Pluck, Length, At, List to Text,
 * Filter, Find, Flatten, Includes, Get First/Last (shift/pop), Remove Duplicates, Difference, Intersection,
 * Union, Concat, Add to End, Sort, Group By. The cards that call a helper flow (For Each, Map, Reduce, Custom
 * Filter...) are the interpreter's. Lists are never changed in place: every output is a new list.
 */
import { CardFailure, type CardCall, type CardFunction } from "../card-function.js";
import { arg, byKey, field, one } from "./args.js";
import { compareValues } from "./compare.js";
import { atPath, identity, isBlank, isObj, list, num, put, same, text, type Obj } from "./values.js";

/** The author's fields, in order, as the list's items. */
const construct: CardFunction = (call) => {
  const items: unknown[] = [];
  for (const input of call.inputs) if (input.custom) items.push(input.value);
  return one(call, items);
};

/** The value at `key` (a dot path) of every item. */
const pluck: CardFunction = (call) => {
  const key = text(arg(call, "key"));
  return one(
    call,
    list(arg(call, "list")).map((item) => atPath(item, key)),
  );
};

const length: CardFunction = (call) => one(call, list(arg(call, "list")).length);

/** The item at a position (0 is the first; negative counts from the end); empty when there is none. */
const at: CardFunction = (call) => one(call, list(arg(call, "list")).at(num(arg(call, "index"), "index")));

/**
 * List to Text: the items as text, joined by the delimiter (empty: a comma, as JavaScript joins). A list of
 * objects is an error, as the card's page says (pluck a key first).
 */
const join: CardFunction = (call) => {
  const delimiter = arg(call, "delimiter");
  const items = list(arg(call, "list"));
  if (items.some(isObj)) throw new CardFailure("list: a list of objects cannot be joined as text; pluck a key first");
  return one(call, items.map(text).join(isBlank(delimiter) ? "," : text(delimiter)));
};

/** list1, list2 and the lists the author added (Intersection and Combine All take more than two). */
function lists(call: CardCall): Array<readonly unknown[]> {
  const out: Array<readonly unknown[]> = [list(arg(call, "list1")), list(arg(call, "list2"))];
  for (const input of call.inputs) if (input.custom) out.push(list(input.value));
  return out;
}

/** How an item's value compares: as the comparison field's type. */
function itemTest(call: CardCall): (item: unknown) => boolean {
  const path = text(arg(call, "path"));
  const comparison = field(call, "comparison");
  const operator = arg(call, "operator");
  const kind = comparison?.type ?? "string";
  return (item) => compareValues(atPath(item, path), operator, comparison?.value, kind);
}

/** Filter: the items whose value at `path` passes the comparison ("in": the item's value is part of the comparison). */
const filterBy: CardFunction = (call) => one(call, list(arg(call, "list")).filter(itemTest(call)));

/** Find: the first item that passes, and its index (-1 and no item when none does). */
const findBy: CardFunction = (call) => {
  const items = list(arg(call, "list"));
  const index = items.findIndex(itemTest(call));
  return byKey(call, { item: index === -1 ? undefined : items[index], index });
};

/** One level: items that are lists give their items, other items stay. */
const flatten: CardFunction = (call) => one(call, list(arg(call, "lists")).flat(1));

const includes: CardFunction = (call) => {
  const value = arg(call, "value");
  return one(
    call,
    list(arg(call, "list")).some((item) => matches(item, value)),
  );
};

function matches(item: unknown, value: unknown): boolean {
  return same(item, value) || (typeof item !== "object" && typeof value !== "object" && text(item) === text(value));
}

/** Get First Item (`shift`): the first item and the rest; Get Last Item (`pop`): the last item and the rest. */
const shift: CardFunction = (call) => {
  const items = list(arg(call, "list"));
  return byKey(call, { item: items[0], list: items.slice(1) });
};
const pop: CardFunction = (call) => {
  const items = list(arg(call, "list"));
  return byKey(call, { item: items[items.length - 1], list: items.slice(0, -1) });
};

/** Remove Duplicates: the first item of each value at `path` (empty path: the whole item). */
const uniqueBy: CardFunction = (call) => {
  const path = text(arg(call, "path"));
  return one(
    call,
    unique(list(arg(call, "list")), (item) => atPath(item, path)),
  );
};

function unique(items: readonly unknown[], by: (item: unknown) => unknown = (item) => item): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const item of items) {
    const id = identity(by(item));
    if (!seen.has(id)) {
      seen.add(id);
      out.push(item);
    }
  }
  return out;
}

function ids(items: readonly unknown[]): Set<string> {
  return new Set(items.map(identity));
}

/** The items of list 1 that are not in list 2. */
const difference: CardFunction = (call) => {
  const exclude = ids(list(arg(call, "list2")));
  return one(
    call,
    list(arg(call, "list1")).filter((item) => !exclude.has(identity(item))),
  );
};

/** The distinct items that are in every list, in list 1's order. */
const intersection: CardFunction = (call) => {
  const [first, ...others] = lists(call);
  const sets = others.map(ids);
  return one(
    call,
    unique(first!).filter((item) => sets.every((set) => set.has(identity(item)))),
  );
};

/** The distinct items of both lists, list 1's first. */
const union: CardFunction = (call) => one(call, unique([...list(arg(call, "list1")), ...list(arg(call, "list2"))]));

/** Combine All: every list's items in turn, duplicates kept. */
const concat: CardFunction = (call) => one(call, lists(call).flat(1));

/** Add to End. */
const push: CardFunction = (call) => one(call, [...list(arg(call, "list")), arg(call, "item")]);

/** Sort: ascending by the value at `path` (numbers by value, text by code units, empty values last); stable. */
const sortBy: CardFunction = (call) => {
  const path = text(arg(call, "path"));
  const keyed = list(arg(call, "list")).map((item, index) => ({ item, key: atPath(item, path), index }));
  keyed.sort((a, b) => order(a.key, b.key) || a.index - b.index);
  return one(
    call,
    keyed.map((k) => k.item),
  );
};

function order(a: unknown, b: unknown): number {
  if (isBlank(a) || isBlank(b)) return isBlank(a) === isBlank(b) ? 0 : isBlank(a) ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const ta = text(a);
  const tb = text(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** Group By: an object of the items by their value at `path` (as text). */
const groupBy: CardFunction = (call) => {
  const path = text(arg(call, "path"));
  const groups: Obj = {};
  for (const item of list(arg(call, "list"))) {
    const key = text(atPath(item, path));
    const existing = Object.hasOwn(groups, key) ? (groups[key] as unknown[]) : undefined;
    if (existing) existing.push(item);
    else put(groups, key, [item]);
  }
  return one(call, groups);
};

export const listCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["list:construct", construct],
  ["list:pluck", pluck],
  ["list:length", length],
  ["list:at", at],
  ["list:join", join],
  ["list:filterBy", filterBy],
  ["list:findBy", findBy],
  ["list:flatten", flatten],
  ["list:includes", includes],
  ["list:shift", shift],
  ["list:pop", pop],
  ["list:uniqueBy", uniqueBy],
  ["list:difference", difference],
  ["list:intersection", intersection],
  ["list:union", union],
  ["list:concat", concat],
  ["list:push", push],
  ["list:sortBy", sortBy],
  ["list:groupBy", groupBy],
];

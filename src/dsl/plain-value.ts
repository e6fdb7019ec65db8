/**
 * Values a flow file hands to flocode end up as JSON in the flopack. Whatever JSON cannot hold must be the flow
 * file's error, in one line at the call, not a crash of the compiler: a value that refers to itself (a cycle),
 * one nested deeper than any flopack may be, a number that is not finite, a function, a symbol, a bigint, or an
 * object of a class (a Map, a Date) that JSON would silently turn into something else. flocode's own values
 * (card outputs, connections, folders, flows...) are taken as they are.
 */

/** Deeper than this, the flopack around the value would pass the JSON depth limit (256) of every reader. */
export const MAX_VALUE_DEPTH = 128;

/** More values than this in one place is a runaway structure (a shared object nested in itself many times over). */
const MAX_VALUES = 1_000_000;

/** Why `value` cannot be written as JSON, with the path to the offending part (`a.b[2]`), or undefined. */
export function plainValueProblem(value: unknown, name: string): string | undefined {
  const ancestors = new Set<object>();
  let visited = 0;
  // an explicit stack with exit markers: depth costs no call stack, and the ancestors are the current path
  const stack: Array<{ value: unknown; path: string; depth: number } | { leave: object }> = [{ value, path: name, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("leave" in item) {
      ancestors.delete(item.leave);
      continue;
    }
    const { value: v, depth } = item;
    const path = shortPath(item.path);
    if (++visited > MAX_VALUES) return `${name} holds more than ${MAX_VALUES} values`;
    const problem = leafProblem(v);
    if (problem !== undefined) return `${path} ${problem}`;
    if (v === null || typeof v !== "object" || isFlocodeValue(v)) continue;
    if (ancestors.has(v)) return `${path} refers to itself (a cycle): JSON cannot hold it`;
    if (depth >= MAX_VALUE_DEPTH) return `${path} nests deeper than ${MAX_VALUE_DEPTH} levels`;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null)
      return `${path} is ${describeObject(v)}, not a plain object: JSON would not keep it`;
    ancestors.add(v);
    stack.push({ leave: v });
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${path}[${i}]`, depth: depth + 1 });
    else
      for (const key of Object.keys(v).reverse())
        stack.push({ value: (v as Record<string, unknown>)[key], path: `${path}.${key}`, depth: depth + 1 });
  }
  return undefined;
}

/** A path for a message: the middle of a very long one left out. */
function shortPath(path: string): string {
  return path.length <= 80 ? path : `${path.slice(0, 40)}…${path.slice(-30)}`;
}

function leafProblem(v: unknown): string | undefined {
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? undefined : `is ${String(v)}: JSON numbers are finite`;
    case "function":
      return "is a function, not a value";
    case "symbol":
      return "is a symbol, not a value";
    case "bigint":
      return "is a bigint: JSON numbers are doubles (write it as a number or a string)";
    default:
      return undefined;
  }
}

/** A value flocode made: a frozen `{ kind, ... }` (refs, connections, flows, ...) or a placed card's handle. */
function isFlocodeValue(v: object): boolean {
  if (Object.isFrozen(v) && typeof (v as { kind?: unknown }).kind === "string") return true;
  const handle = v as { $node?: unknown; $out?: unknown };
  return typeof handle.$out === "function" && typeof handle.$node === "object" && handle.$node !== null;
}

function describeObject(v: object): string {
  const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? `a ${name}` : "an object of a class";
}

/**
 * The properties of a custom field that link it to cards (`wormhole`, `method`, `keyOf`, `source`): lowering
 * resolves and checks them once every card of the flow is placed, so they may be getters or thunks that name a
 * card placed later. Reading them when the field's card is placed would run such a getter too early (`Cannot
 * access 'card' before initialization`), and a thunk is no value JSON holds: they are not looked at here.
 */
const CARD_LINKS = new Set(["wormhole", "method", "keyOf", "source"]);

/** The first property of a card's spec JSON cannot hold, as `property <path> <problem>`, or undefined. */
export function cardSpecProblem(spec: object): string | undefined {
  for (const [key, value] of Object.entries(spec)) {
    if (key === "site" || key === "kind" || key === "address") continue;
    const problem = key === "customInputs" || key === "customOutputs" ? customFieldsProblem(value, key) : plainValueProblem(value, key);
    if (problem !== undefined) return `property ${problem}`;
  }
  return undefined;
}

/** What JSON cannot hold in a card's custom fields, their links to cards left out. */
function customFieldsProblem(fields: unknown, name: string): string | undefined {
  if (!Array.isArray(fields)) return plainValueProblem(fields, name);
  for (const [i, field] of fields.entries()) {
    const path = `${name}[${i}]`;
    const proto = field !== null && typeof field === "object" ? (Object.getPrototypeOf(field) as unknown) : undefined;
    if (proto !== Object.prototype && proto !== null) {
      const problem = plainValueProblem(field, path);
      if (problem !== undefined) return problem;
      continue;
    }
    for (const key of Object.keys(field as object)) {
      if (CARD_LINKS.has(key)) continue;
      const problem = plainValueProblem((field as Record<string, unknown>)[key], `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** A wrong value in a message: its type, and the value when it is short. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return `${typeof value === "object" ? "an" : "a"} ${typeof value}`;
}

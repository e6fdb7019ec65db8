import type { Card, CardNode, Ref } from "./types.js";

const RESERVED = new Set(["then", "toJSON", "constructor", "__proto__", "valueOf", "toString", "inspect"]);

export function makeRef<T>(node: CardNode, output: string, path?: readonly string[]): Ref<T> {
  return Object.freeze(path ? { kind: "ref" as const, node, output, path } : { kind: "ref" as const, node, output });
}

/**
 * The handle a flow gets for a placed card: any property is an output ref, resolved against the card's
 * template when the flow is lowered (so typos are reported there, with the line of the call).
 */
export function cardHandle<O>(node: CardNode): Card<O> {
  const target = {
    $node: node,
    $out: (key: string) => makeRef(node, key),
    $custom: (key: string) => makeRef(node, key),
  };
  return new Proxy(target, {
    get(t, prop) {
      if (prop === "$node") return t.$node;
      if (prop === "$out") return t.$out;
      if (prop === "$custom") return t.$custom;
      if (typeof prop === "symbol" || RESERVED.has(prop)) return undefined;
      return makeRef(node, prop);
    },
    has(_t, prop) {
      return typeof prop === "string" && !RESERVED.has(prop);
    },
    set() {
      return false;
    },
  }) as unknown as Card<O>;
}

export function isRef(value: unknown): value is Ref {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ref" && "node" in value;
}

/** `field(user.profile, "email")`: a sub-field of an object output. */
export function field<T = unknown>(ref: Ref, ...path: string[]): Ref<T> {
  return makeRef<T>(ref.node, ref.output, [...(ref.path ?? []), ...path]);
}

/**
 * `idOf(card)` / `idOf(card.$out("key"))`: the id Okta gives a card or a card output, inside constant data.
 * Some cards store such ids in their data (a Tables filter's `rhd.methodId` / `rhd.outputId`); the ids are only
 * known when the flow is built, so the data says which card or output it means. A function is accepted for a
 * card placed later in the file: `idOf(() => later)`.
 */
import { isRef } from "./handle.js";
import type { Card, Ref } from "./types.js";

export interface IdOf {
  readonly kind: "idOf";
  readonly target: Card<unknown> | Ref | (() => Card<unknown> | Ref);
}

export function idOf(target: Card<unknown> | Ref | (() => Card<unknown> | Ref)): string {
  return Object.freeze({ kind: "idOf" as const, target }) as unknown as string;
}

export function isIdOf(v: unknown): v is IdOf {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "idOf" && "target" in v;
}

/** The card or output an `idOf` means (calling a thunk). */
export function idTarget(id: IdOf): Card<unknown> | Ref | undefined {
  const t = id.target as unknown;
  if (typeof t === "function" && (t as { $node?: unknown }).$node === undefined && !isRef(t)) return (t as () => Card<unknown> | Ref)();
  return t as Card<unknown> | Ref;
}

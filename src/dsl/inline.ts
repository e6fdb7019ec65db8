import { DslError } from "./errors.js";
import { isRef } from "./handle.js";
import { userCallSite } from "./site.js";
import type { FlowBuilder } from "./builder.js";
import type { CardSpec, Converted, InlineFlow, Ref } from "./types-reexport.js";
import type { InlineShapeChanges } from "../shapes/inline-flow.js";

/**
 * A flow stored inside a card: the root card (usually a Helper Flow callable), then the body placed with `g`.
 * `shape` changes the inline flow object's other keys from the usual ones (`{ security_level: "high" }`; a key set
 * to `undefined` is left out). Import writes it for exports that differ; hand-written code rarely needs it.
 */
export function inline(root: CardSpec<unknown>, body?: (g: FlowBuilder) => void, shape?: InlineShapeChanges): InlineFlow {
  const site = userCallSite();
  if (!root || root.kind !== "card") throw new DslError("inline() takes the inline flow's root card first", site);
  return Object.freeze({ kind: "inline" as const, root, body: body as InlineFlow["body"], shape, site });
}

/**
 * An explicit Okta conversion on a wire, e.g. `convert(user.created, "isoString")`; `null` forces none.
 * Conversions: dateTime, parse, wrapArray, stringify, toString, isoString, parseFloat, booleanToString.
 * `convert(ref, { forceWrapArray: true })` wraps the value into a list without a named conversion.
 */
export function convert(
  ref: Ref,
  conversion: string | null | { forceWrapArray: boolean },
  options: { forceWrapArray?: boolean } = {},
): Converted {
  if (!isRef(ref)) throw new DslError("convert() takes a card output", userCallSite());
  if (conversion !== null && typeof conversion === "object")
    return Object.freeze({ kind: "convert" as const, ref, convert: undefined, forceWrapArray: conversion.forceWrapArray === true });
  return Object.freeze({ kind: "convert" as const, ref, convert: conversion, forceWrapArray: options.forceWrapArray ?? false });
}

export function isConverted(v: unknown): v is Converted {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "convert";
}

export function isInline(v: unknown): v is InlineFlow {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "inline" && "root" in v;
}

/** A constant written exactly as given, without checking it against the input's type (import uses it for odd data). */
export function verbatim<T = unknown>(data: unknown): T {
  return Object.freeze({ kind: "verbatim" as const, data }) as unknown as T;
}

export function isVerbatim(v: unknown): v is { kind: "verbatim"; data: unknown } {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "verbatim" && "data" in v;
}

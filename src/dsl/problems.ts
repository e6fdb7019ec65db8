/**
 * Mistakes found while a flow file runs (a card factory given a value outside its choices, a schedule in an
 * unknown time zone...). Outside a build they are thrown at once, as any error. During a build
 * (`collectingProblems`) they are attached to the value made instead, which goes on with the mistaken part
 * left out, so that the file runs to its end; lowering reports them where it meets the value, with every other
 * mistake of the target, once.
 */
import type { DslError } from "./errors.js";

/** A mistake attached to a value: the error, and the keys of the inputs it concerns (left out of the value). */
export interface Problem {
  readonly error: DslError;
  readonly keys?: readonly string[];
  /** The value lacks something it was meant to have (an unknown property): its required inputs are not checked. */
  readonly incomplete?: boolean;
}

const attached = new WeakMap<object, Problem[]>();
let collecting = 0;

/** Runs `body` with mistakes attached to values instead of thrown (nested calls are fine). */
export async function collectingProblems<T>(body: () => Promise<T> | T): Promise<T> {
  collecting++;
  try {
    return await body();
  } finally {
    collecting--;
  }
}

export function isCollectingProblems(): boolean {
  return collecting > 0;
}

/**
 * The mistakes found while making a value: thrown (the first) outside a build; attached to `value` during one.
 * Call it before freezing the value.
 */
export function settleProblems<T extends object>(value: T, problems: readonly Problem[]): T {
  if (problems.length === 0) return value;
  if (collecting === 0) throw problems[0]!.error;
  attached.set(value, [...(attached.get(value) ?? []), ...problems]);
  return value;
}

/** The mistakes attached to a value (none outside a build). */
export function problemsOf(value: unknown): readonly Problem[] {
  return typeof value === "object" && value !== null ? (attached.get(value) ?? []) : [];
}

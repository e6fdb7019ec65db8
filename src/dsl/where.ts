/**
 * Tables search filters (the "Where Expression" input of Search Rows / Export to CSV):
 * `where({ column: "inactive_as_of", op: "<", value: cutoff.output })`.
 *
 * A condition compares a column with a constant or with a card output. For a card output Okta stores the card's
 * and the output's ids in the expression and adds a hidden field to the Tables card, wired from that output; lower
 * writes both.
 */
import { userCallSite } from "./site.js";
import type { Json } from "../util/json.js";
import type { CallSite, OktaObject, Ref } from "./types.js";

export interface WhereCondition {
  /** The column compared. */
  column: string;
  /** The comparison as Okta writes it: "=", "!=", "<", "<=", ">", ">=" (typed in `where()`: `TableFilterOp`). */
  op: string;
  /** A constant, or a card output (compared at run time). */
  value: Json | Ref;
  /** How this condition joins the previous one (default "AND"). */
  join?: "AND" | "OR";
  /**
   * A card-output value reaches the Tables card through a hidden field: "wired" (what the Okta UI does, the
   * default), "unwired" (the field exists but nothing is wired into it), or "none" (no field at all).
   */
  field?: "wired" | "unwired" | "none";
  /** The types the hidden field offers in the UI (default none). */
  available?: readonly string[];
}

/** The comparisons of a Tables filter condition, as real exports write them. */
export type TableFilterOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface TableFilter {
  readonly kind: "tableFilter";
  readonly conditions: readonly WhereCondition[];
  readonly site?: CallSite;
}

/** A condition as `where()` takes it: the comparison is one real exports show; `K` the columns it may name. */
export type WhereInput<K extends string = string> = Omit<WhereCondition, "op" | "column"> & { column: K; op: TableFilterOp };

/**
 * A Tables "Where Expression" as `where()` makes it; `K` (phantom) is the columns its conditions name, so a Tables
 * card on a typed table takes only expressions on its own columns.
 */
export type WhereExpression<K extends string = string> = OktaObject & { readonly __columns?: K };

/** A Tables "Where Expression": the conditions, in order. */
export function where<const K extends string>(...conditions: Array<WhereInput<K>>): WhereExpression<K> {
  const site = userCallSite();
  const filter: TableFilter = { kind: "tableFilter", conditions: Object.freeze([...conditions]), ...(site ? { site } : {}) };
  return Object.freeze(filter) as unknown as WhereExpression<K>;
}

export function isTableFilter(v: unknown): v is TableFilter {
  return (
    typeof v === "object" &&
    v !== null &&
    (v as { kind?: unknown }).kind === "tableFilter" &&
    Array.isArray((v as { conditions?: unknown }).conditions)
  );
}

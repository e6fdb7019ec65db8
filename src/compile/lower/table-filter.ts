/**
 * `where(...)` → a Tables "Where Expression" value: the expression data, the card/output ids it references, and
 * the hidden `_expr` field Okta adds per card-output condition (keyed by the output's id, wired from it).
 */
import type { IrCard, IrDataId, IrEntryRef, IrValue, Json, JsonObject } from "../../ir/types.js";
import { DslError } from "../../dsl/errors.js";
import { isRef } from "../../dsl/handle.js";
import type { CallSite, Ref } from "../../dsl/types.js";
import type { TableFilter, WhereCondition } from "../../dsl/where.js";
import { toJson } from "./constants.js";
import type { ValueType } from "../../shapes/conversion.js";
import { FILTER_FIELD_GROUP, filterFieldEntry, hiddenFieldData } from "../../shapes/tables.js";

export interface FilterContext {
  /** Wires `source` into an input of the card being lowered, without conversion. */
  pin(source: Ref, input: IrEntryRef): void;
  /** Runs once every card of the flow is lowered. */
  defer(f: () => void): void;
  /** The lowered card and output a ref points to (only inside `defer`). */
  resolve(source: Ref): { card: string; output: IrEntryRef; type: ValueType };
}

const FIELD_MODES = new Set(["wired", "unwired", "none"]);

export function lowerTableFilter(card: IrCard, filter: TableFilter, what: string, site: CallSite | undefined, ctx: FilterContext): IrValue {
  const expr: JsonObject[] = [];
  const ids: IrDataId[] = [];
  filter.conditions.forEach((c, i) => {
    const at = `${what}: condition ${i + 1}`;
    checkCondition(c, at, site);
    const join = c.join ?? "AND";
    if (!isRef(c.value)) {
      expr.push({ lhs: c.column, op: c.op, rhs: toJson(c.value, at, site), join });
      return;
    }
    const source = c.value;
    expr.push({ lhs: c.column, op: c.op, join, rhd: { outputId: null, methodId: null } });
    const mode = c.field ?? "wired";
    const field = mode === "none" ? undefined : hiddenField(card, i, c.available ?? []);
    if (field && mode === "wired") ctx.pin(source, field.ref);
    const expectedIds = ids.length;
    ids.push({ path: ["expr", i, "rhd", "outputId"], card: { ref: "" } }, { path: ["expr", i, "rhd", "methodId"], card: { ref: "" } });
    ctx.defer(() => {
      const src = ctx.resolve(source);
      ids[expectedIds] = { path: ["expr", i, "rhd", "outputId"], card: { ref: src.card }, output: src.output };
      ids[expectedIds + 1] = { path: ["expr", i, "rhd", "methodId"], card: { ref: src.card } };
      if (!field) return;
      const value = field.extra.entry.value as JsonObject;
      value.type = src.type.type;
      value.collection = src.type.collection;
      field.extra.value = { kind: "json", data: hiddenFieldData(src.type) };
      field.extra.links = { method: { ref: src.card }, keyOf: { card: src.card, entry: src.output } };
    });
  });
  return { kind: "json", data: { expr } as Json, ids };
}

function checkCondition(c: WhereCondition, at: string, site: CallSite | undefined): void {
  if (typeof c !== "object" || c === null) throw new DslError(`${at} must be { column, op, value }`, site);
  if (typeof c.column !== "string" || c.column === "") throw new DslError(`${at}: column must be a column name`, site);
  if (typeof c.op !== "string" || c.op === "") throw new DslError(`${at}: op must be a comparison such as "=" or "<"`, site);
  if (c.join !== undefined && c.join !== "AND" && c.join !== "OR") throw new DslError(`${at}: join must be "AND" or "OR"`, site);
  if (c.field !== undefined && !FIELD_MODES.has(c.field)) throw new DslError(`${at}: field must be "wired", "unwired" or "none"`, site);
  if (c.field !== undefined && !isRef(c.value)) throw new DslError(`${at}: field applies only to a card-output value`, site);
  if (c.available !== undefined && !(Array.isArray(c.available) && c.available.every((t) => typeof t === "string")))
    throw new DslError(`${at}: available must be a list of type names`, site);
}

/** The hidden `_expr` field of condition `i` (its type, key and links are filled in once the source is known). */
function hiddenField(card: IrCard, i: number, available: readonly string[]): { ref: IrEntryRef; extra: IrCard["extraInputs"][number] } {
  const ref: IrEntryRef = { group: FILTER_FIELD_GROUP, key: `\u0000expr${i}` };
  const entry = filterFieldEntry(ref.key, { type: "string", collection: false, data: null, available: [...available] });
  const extra = { entry, value: { kind: "json", data: null } as IrValue };
  card.extraInputs.push(extra);
  return { ref, extra };
}

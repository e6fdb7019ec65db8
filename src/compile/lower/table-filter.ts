/**
 * `where(...)` → a Tables "Where Expression" value: the expression data, the card/output ids it references, and
 * the hidden `_expr` field Okta adds per card-output condition (keyed by the output's id, wired from it).
 */
import type { IrCard, IrDataId, IrEntryRef, IrValue, Json, JsonObject } from "../../ir/types.js";
import { DslError } from "../../dsl/errors.js";
import { isRef } from "../../dsl/handle.js";
import type { CallSite, Ref, Table } from "../../dsl/types.js";
import type { TableFilter, WhereCondition } from "../../dsl/where.js";
import { toJson } from "./constants.js";
import type { ValueType } from "../../shapes/conversion.js";
import { FILTER_FIELD_GROUP, FILTER_OPERATORS, filterFieldEntry, hiddenFieldData } from "../../shapes/tables.js";
import { listValues, nearest } from "../../util/suggest.js";
import { unknownColumn } from "./choices.js";

export interface FilterContext {
  /** Wires `source` into an input of the card being lowered, without conversion. */
  pin(source: Ref, input: IrEntryRef): void;
  /** Runs once every card of the flow is lowered. */
  defer(f: () => void): void;
  /** The lowered card and output a ref points to (only inside `defer`). */
  resolve(source: Ref): { card: string; output: IrEntryRef; type: ValueType };
  /** The table of this pack the card searches, when known: conditions must name its columns. */
  table?: Table;
  /** Reports a mistaken condition (the others are still checked). */
  report(error: DslError): void;
}

const FIELD_MODES = new Set(["wired", "unwired", "none"]);

export function lowerTableFilter(card: IrCard, filter: TableFilter, what: string, site: CallSite | undefined, ctx: FilterContext): IrValue {
  const expr: JsonObject[] = [];
  const ids: IrDataId[] = [];
  filter.conditions.forEach((c, i) => {
    const at = `${what}: condition ${i + 1}`;
    const mistake = conditionMistake(c, at, site, ctx.table);
    if (mistake) {
      ctx.report(mistake);
      return;
    }
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

function conditionMistake(c: WhereCondition, at: string, site: CallSite | undefined, table: Table | undefined): DslError | undefined {
  const mistake = (message: string): DslError => new DslError(`${at}${message}`, site);
  if (typeof c !== "object" || c === null) return mistake(" must be { column, op, value }");
  if (typeof c.column !== "string" || c.column === "") return mistake(": column must be a column name");
  if (table && !table.columns.some((col) => col.name === c.column)) return unknownColumn(table, c.column, at, site);
  if (typeof c.op !== "string" || !FILTER_OPERATORS.includes(c.op))
    return mistake(`: op is ${JSON.stringify(c.op)}, not one of the comparisons: ${listValues(FILTER_OPERATORS)}${opSuggestion(c.op)}`);
  if (c.join !== undefined && c.join !== "AND" && c.join !== "OR") return mistake(`: join must be "AND" or "OR"`);
  if (c.field !== undefined && !FIELD_MODES.has(c.field)) return mistake(`: field must be "wired", "unwired" or "none"`);
  if (c.field !== undefined && !isRef(c.value)) return mistake(": field applies only to a card-output value");
  if (c.available !== undefined && !(Array.isArray(c.available) && c.available.every((t) => typeof t === "string")))
    return mistake(": available must be a list of type names");
  return undefined;
}

/** The comparison a misspelled or spelled-out op means ("==", "equals", "less than"...). */
function opSuggestion(op: unknown): string {
  if (typeof op !== "string") return "";
  const words: Record<string, string> = {
    "==": "=",
    "===": "=",
    eq: "=",
    equal: "=",
    equals: "=",
    is: "=",
    "<>": "!=",
    "!==": "!=",
    ne: "!=",
    neq: "!=",
    "not equal": "!=",
    "not equals": "!=",
    lt: "<",
    "less than": "<",
    le: "<=",
    lte: "<=",
    gt: ">",
    "greater than": ">",
    ge: ">=",
    gte: ">=",
    "=<": "<=",
    "=>": ">=",
  };
  const folded = op.trim().toLowerCase();
  const word = Object.hasOwn(words, folded)
    ? folded
    : nearest(
        op,
        Object.keys(words).filter((w) => w.length > 3),
      );
  return word === undefined ? "" : `; did you mean ${JSON.stringify(words[word])}?`;
}

/** The hidden `_expr` field of condition `i` (its type, key and links are filled in once the source is known). */
function hiddenField(card: IrCard, i: number, available: readonly string[]): { ref: IrEntryRef; extra: IrCard["extraInputs"][number] } {
  const ref: IrEntryRef = { group: FILTER_FIELD_GROUP, key: `\u0000expr${i}` };
  const entry = filterFieldEntry(ref.key, { type: "string", collection: false, data: null, available: [...available] });
  const extra = { entry, value: { kind: "json", data: null } as IrValue };
  card.extraInputs.push(extra);
  return { ref, extra };
}

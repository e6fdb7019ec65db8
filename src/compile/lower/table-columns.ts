/**
 * The column fields of a Tables card working on a table of this pack (group "Fields", one per column, as Okta
 * writes them), unless the spec lists its fields itself (import does).
 */
import type { CardSpec, CustomField, Table } from "../../dsl/types.js";
import type { JsonObject } from "../../util/json.js";
import { isConnectorCard } from "../../shapes/address.js";
import { sideEntries } from "../../shapes/entries.js";
import { TABLES_CONNECTOR } from "../../shapes/known-cards.js";
import { emptyColumnEntry, isTableColumnType, TABLE_COLUMN_SIDES } from "../../shapes/tables.js";

/**
 * `model`: the card's template. Its own inputs come first (Create Row: stash; Update Row: Row ID, stash, Update
 * Empty Inputs), so a written row's column fields are indexed after them, as Okta numbers a card's inputs 0..n-1.
 * A Search Rows that returns all matching rows (its template has `Rows`) has no column outputs: no real export's
 * "all" / "all-new" card has any.
 */
export function tableColumnFields(
  spec: CardSpec<unknown>,
  action: string,
  model: JsonObject,
): { inputs: CustomField[]; outputs: CustomField[] } {
  const none = { inputs: [], outputs: [] };
  const side = TABLE_COLUMN_SIDES[action];
  const table = spec.options?.stash as unknown as Table | undefined;
  if (!side || !isConnectorCard(spec.address, TABLES_CONNECTOR) || table?.kind !== "table") return none;
  const listed = [...(spec.customInputs ?? []), ...(spec.customOutputs ?? [])].some(
    (f) => (f.group ?? (f.raw?.group as string | undefined)) === "Fields",
  );
  if (listed) return none;
  if (side === "outputs" && sideEntries(model, "outputs").some((e) => e.group === "Result" && e.key === "Rows")) return none;
  const firstInput = sideEntries(model, "inputs").length;
  const fields = table.columns.map((c, i): CustomField => {
    const type = isTableColumnType(c.type) ? c.type : "string";
    const raw = emptyColumnEntry(side, c.name, type, side === "inputs" ? firstInput + i : i);
    return { key: c.name, group: "Fields", type, raw };
  });
  return side === "inputs" ? { inputs: fields, outputs: [] } : { inputs: [], outputs: fields };
}

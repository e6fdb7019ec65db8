/**
 * The column fields of a Tables card working on a table of this pack (group "Fields", one per column, as Okta
 * writes them), unless the spec lists its fields itself (import does).
 */
import type { CardSpec, CustomField, Table } from "../../dsl/types.js";
import { isConnectorCard } from "../../shapes/address.js";
import { TABLES_CONNECTOR } from "../../shapes/known-cards.js";
import { emptyColumnEntry, isTableColumnType, TABLE_COLUMN_SIDES } from "../../shapes/tables.js";

export function tableColumnFields(spec: CardSpec<unknown>, action: string): { inputs: CustomField[]; outputs: CustomField[] } {
  const none = { inputs: [], outputs: [] };
  const side = TABLE_COLUMN_SIDES[action];
  const table = spec.options?.stash as unknown as Table | undefined;
  if (!side || !isConnectorCard(spec.address, TABLES_CONNECTOR) || table?.kind !== "table") return none;
  const listed = [...(spec.customInputs ?? []), ...(spec.customOutputs ?? [])].some(
    (f) => (f.group ?? (f.raw?.group as string | undefined)) === "Fields",
  );
  if (listed) return none;
  const fields = table.columns.map((c, i): CustomField => {
    const type = isTableColumnType(c.type) ? c.type : "string";
    const raw = emptyColumnEntry(side, c.name, type, side === "inputs" ? i + 1 : i);
    return { key: c.name, group: "Fields", type, raw };
  });
  return side === "inputs" ? { inputs: fields, outputs: [] } : { inputs: [], outputs: fields };
}

import { TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { entryAt, own, type CardView } from "./model.js";

/** The table a Tables card points at: its `stash` option (group "parameters"), when set to a non-empty string. */
export function tableOption(card: CardView): { entryId: string; table: string } | undefined {
  if (card.parsed?.module !== TABLES_CONNECTOR) return undefined;
  const inputs = card.inputData;
  for (const id in inputs) {
    const e = entryAt(inputs, id);
    if (!e || e.key !== "stash" || e.group !== "parameters") continue;
    const table = own(entryAt(e, "value"), "data");
    if (typeof table === "string" && table !== "") return { entryId: id, table };
  }
  return undefined;
}

import { own, type CardView, type EntryView } from "./model.js";

/** The table a Tables card points at: its `stash` option (group "parameters"), when set to a non-empty string. */
export function tableOption(card: CardView): { entry: EntryView; table: string } | undefined {
  if (card.parsed?.module !== "stash") return undefined;
  for (const e of card.inputs) {
    if (e.raw.key !== "stash" || e.raw.group !== "parameters") continue;
    const table = own(e.value, "data");
    if (typeof table === "string" && table !== "") return { entry: e, table };
  }
  return undefined;
}

/**
 * Constants checked against what the card allows, for JavaScript callers and values computed when the flow file
 * runs (TypeScript checks literal unions before): an input's `metadata.choices` (If/Else `operator`, Search Rows
 * `Direction`, Slack `channelType`...), and the columns of the table a Tables card works on.
 */
import type { Json, JsonObject } from "../../ir/types.js";
import { isObject, jsonEqual } from "../../util/json.js";
import { didYouMean, listValues, type Candidate } from "../../util/suggest.js";
import { DslError } from "../../dsl/errors.js";
import type { FactoryMeta } from "../../dsl/define-card.js";
import type { CallSite, CardSpec, Table } from "../../dsl/types.js";
import { isConnectorCard } from "../../shapes/address.js";
import { TABLES_CONNECTOR } from "../../shapes/known-cards.js";
import { dataOf } from "../../shapes/entries.js";

export interface Choice {
  value: Json;
  label?: string;
}

/** The choices an entry offers (`metadata.choices`: `{ value, label }` objects or bare values); undefined when none. */
export function choicesOf(entry: JsonObject): Choice[] | undefined {
  const choices = isObject(entry.metadata) ? entry.metadata.choices : undefined;
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  return choices.map((c) =>
    isObject(c) && "value" in c
      ? { value: c.value as Json, ...(typeof c.label === "string" && c.label !== String(c.value) ? { label: c.label } : {}) }
      : { value: c },
  );
}

/** Whether a typed factory checked this entry's choices already (an option's, which its FactoryMeta lists). */
export function factoryCheckedChoices(meta: FactoryMeta | undefined, entry: JsonObject): boolean {
  if (!meta) return false;
  const key = String(entry.key);
  const grouped = `${String(entry.group)}/${key}`;
  return meta.inputs.some(
    ([, k, code, choices]) => (k === key || k === grouped) && code.startsWith("p:") && choices !== undefined && choices.length > 0,
  );
}

/**
 * A constant given to an entry with choices: each value (each item of a list) must be one of them, or the
 * entry's empty value (what the card holds when nothing is chosen). Throws the mistake otherwise.
 */
export function checkChoice(entry: JsonObject, value: unknown, what: string, site: CallSite | undefined): void {
  const choices = choicesOf(entry);
  if (choices) checkChoiceOf(choices, dataOf(entry), value, what, site);
}

/** `checkChoice` against a list of choices (e.g. those of every variant of a card) and the entry's empty value. */
export function checkChoiceOf(choices: readonly Choice[], empty: Json, value: unknown, what: string, site: CallSite | undefined): void {
  if (choices.length === 0 || value === null || value === undefined) return;
  for (const v of Array.isArray(value) ? value : [value]) {
    // "" is what a text input holds when nothing is chosen (as null is for others), whatever the template's default
    if (v === null || v === "" || choices.some((c) => jsonEqual(c.value, v as Json)) || jsonEqual(empty, v as Json)) continue;
    throw new DslError(
      `${what} is ${JSON.stringify(v)}, not one of its choices: ${describeChoices(choices)}${suggestChoice(v, choices)}`,
      site,
    );
  }
}

export function describeChoices(choices: readonly Choice[]): string {
  const shown = choices
    .slice(0, 30)
    .map((c) => (c.label !== undefined ? `${JSON.stringify(c.value)} (${c.label})` : JSON.stringify(c.value)));
  return choices.length > 30 ? `${shown.join(", ")} and ${choices.length - 30} more` : shown.join(", ");
}

/** `; did you mean "x"?` for a value near a choice's value or label. */
export function suggestChoice(value: unknown, choices: readonly Choice[]): string {
  if (typeof value !== "string" && typeof value !== "number") return "";
  const candidates: Candidate[] = choices.map((c) => ({ name: String(c.value), aliases: c.label !== undefined ? [c.label] : [] }));
  return didYouMean(String(value), candidates);
}

/** The table of this pack a Tables card works on (its `stash`, an option as factories give it, an input as import writes it). */
export function tableOfCard(spec: CardSpec<unknown> | undefined): Table | undefined {
  if (!spec || !isConnectorCard(spec.address, TABLES_CONNECTOR)) return undefined;
  const t = (spec.options?.stash ?? spec.inputs?.stash) as unknown as Table | undefined;
  return t?.kind === "table" ? t : undefined;
}

/** The column names of a table. */
export function columnsOf(table: Table): string[] {
  return table.columns.map((c) => c.name);
}

/** A column the table does not have: the mistake, naming its columns and the nearest. */
export function unknownColumn(table: Table, column: unknown, what: string, site: CallSite | undefined): DslError {
  const columns = columnsOf(table);
  const near = typeof column === "string" ? didYouMean(column, columns) : "";
  return new DslError(
    `${what}: table ${JSON.stringify(table.name)} has no column ${JSON.stringify(column)}; its columns: ${listValues(columns)}${near}`,
    site,
  );
}

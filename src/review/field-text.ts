/** How a field the author added reads: its type, an object schema's fields, the list item field it takes. */
import { compareStrings, get, isObject } from "./json.js";

function typeText(value: unknown): string {
  const t = get(value, "type");
  const base = typeof t === "string" ? t : isObject(t) ? "object" : "?";
  return get(value, "collection") === true ? `${base}[]` : base;
}

/**
 * A field the author added: its type, an object schema's fields (`object {id, login}`), and for For Each / Map
 * arguments the list item field it takes (`← item.id`; `← item` for the whole item).
 */
export function fieldText(value: unknown): string {
  const t = get(value, "type");
  const schema = isObject(t) ? ` {${Object.keys(t).sort(compareStrings).join(", ")}}` : "";
  const proxy = get(value, "proxy");
  const path = isObject(proxy) ? get(proxy, "path") : undefined;
  const from = typeof path === "string" ? (path === "" ? " ← item" : ` ← item.${path}`) : "";
  return `${typeText(value)}${schema}${from}`;
}

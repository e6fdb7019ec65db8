/** Connections, folders and tables: the pack-level objects flows refer to by name. */
import { DslError } from "./errors.js";
import { describeValue as describe, plainValueProblem } from "./plain-value.js";
import { userCallSite } from "./site.js";
import type { Connection, Folder, Table, TableColumns, TableColumnType } from "./types.js";
import { isTableColumnType, TABLE_COLUMN_TYPES } from "../shapes/tables.js";

/**
 * A connection by name: `connection("Office 365 Admin", "office365admin")` (or pass the generated connector
 * namespace, `connection("Office 365 Admin", office365admin)`). Only the name and connector are written into
 * the flopack: credentials never are.
 */
export function connection<C extends string>(name: string, connector: C | { readonly $connector: C }): Connection<C> {
  const site = userCallSite();
  const key = typeof connector === "string" ? connector : connector?.$connector;
  if (typeof name !== "string" || name.trim() === "")
    throw new DslError(
      `connection() needs a name (the connection's label in Okta, a non-empty string)${name === undefined ? "" : `, got ${describe(name)}`}`,
      site,
    );
  if (typeof key !== "string" || !/^[A-Za-z0-9_]+$/.test(key))
    throw new DslError(`connection ${JSON.stringify(name)}: invalid connector ${JSON.stringify(key)}`, site);
  return Object.freeze({ kind: "connection" as const, name, connector: key as C, site });
}

export function folder(name: string, options: { description?: string; parent?: Folder; raw?: Folder["raw"] } = {}): Folder {
  const site = userCallSite();
  if (typeof name !== "string" || name.trim() === "")
    throw new DslError(`folder() needs a name (a non-empty string)${name === undefined ? "" : `, got ${describe(name)}`}`, site);
  if (options.description !== undefined && typeof options.description !== "string")
    throw new DslError(`folder ${JSON.stringify(name)}: description must be a string, got ${describe(options.description)}`, site);
  const raw = plainValueProblem(options.raw, "raw");
  if (raw !== undefined) throw new DslError(`folder ${JSON.stringify(name)}: ${raw}`, site);
  let depth = 1;
  for (let p = options.parent; p; p = p.parent) depth++;
  if (depth > 5) throw new DslError(`folder ${JSON.stringify(name)} is nested ${depth} levels deep; Okta allows at most 5`, site);
  return Object.freeze({ kind: "folder" as const, name, description: options.description, parent: options.parent, raw: options.raw, site });
}

/** Columns as `table()` takes them by name: a type, or a type with a default. */
export type ColumnSpecs = Record<string, TableColumnType | { type: TableColumnType; default?: string | null }>;
/** A column as `table()` takes it in a list. */
export interface ColumnListItem {
  name: string;
  type: TableColumnType;
  default?: string | null;
}

/** The column types of column specs, by name (from a list too, when its names are literal). */
export type ColumnTypesOf<S> = S extends ColumnSpecs
  ? { [K in keyof S]: S[K] extends { type: infer T } ? T : S[K] }
  : S extends ReadonlyArray<ColumnListItem>
    ? { [E in S[number] as E["name"]]: E["type"] }
    : TableColumns;

/** The columns `table()` types its table with (`ColumnTypesOf<S>`, when it is a table's columns). */
type ColumnsOf<S> = ColumnTypesOf<S> extends infer C extends TableColumns ? C : TableColumns;

/**
 * A Workflows Table. Its column types carry into the Tables cards that work on it: `stash.createRow`'s `fields`
 * take only its columns, Search Rows' rows are typed by them.
 */
export function table<const S extends ColumnSpecs | ReadonlyArray<ColumnListItem>>(
  name: string,
  options: {
    description?: string;
    folder?: Folder;
    /** By name (`{ email: "string" }`), or a list when order or names need it (names like "2024" sort first in objects). */
    columns: S;
    raw?: Table["raw"];
  },
): Table<ColumnsOf<S>> {
  const site = userCallSite();
  if (typeof name !== "string" || name.trim() === "")
    throw new DslError(`table() needs a name (a non-empty string)${name === undefined ? "" : `, got ${describe(name)}`}`, site);
  if (options.description !== undefined && typeof options.description !== "string")
    throw new DslError(`table ${JSON.stringify(name)}: description must be a string, got ${describe(options.description)}`, site);
  const raw = plainValueProblem(options.raw, "raw");
  if (raw !== undefined) throw new DslError(`table ${JSON.stringify(name)}: ${raw}`, site);
  const entries: Array<[string, TableColumnType | { type: TableColumnType; default?: string | null }]> = Array.isArray(options.columns)
    ? options.columns.map((c) => [c.name, c])
    : Object.entries(options.columns ?? {});
  const columns = entries.map(([col, spec]) => {
    const type = typeof spec === "string" ? spec : spec?.type;
    if (!isTableColumnType(type))
      throw new DslError(
        `table ${JSON.stringify(name)} column ${JSON.stringify(col)}: type must be one of ${Object.keys(TABLE_COLUMN_TYPES).join(", ")}`,
        site,
      );
    return { name: col, type, default: typeof spec === "string" ? null : (spec.default ?? null) };
  });
  if (columns.length === 0) throw new DslError(`table ${JSON.stringify(name)} needs at least one column`, site);
  return Object.freeze({
    kind: "table" as const,
    name,
    description: options.description,
    folder: options.folder,
    columns,
    raw: options.raw,
    site,
  });
}

/**
 * The folders, tables and connections of a pack: each named by a ref (its name as a slug, made unique) the
 * first time a flow or the pack file uses it, in that order.
 */
import type { IrConnection, IrFolder, IrTable } from "../../ir/types.js";
import { slug } from "../../util/names.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, Connection, Folder, Table } from "../../dsl/types.js";
import { TABLE_COLUMN_TYPES } from "../../shapes/tables.js";

export interface PackObjects {
  /** Folder for flows and tables that name none (a pack always has a folder). */
  readonly defaultFolder: string;
  readonly folderRefs: Map<Folder | string, string>;
  readonly folders: IrFolder[];
  readonly tableRefs: Map<Table, string>;
  readonly tables: IrTable[];
  /**
   * By connector and name (`connectionKey`): one connection per pair, whichever card declares it. Okta lets two
   * connections of different connectors share a display name.
   */
  readonly connectionRefs: Map<string, { ref: string; connection: Connection }>;
}

export function newPackObjects(defaultFolder: string): PackObjects {
  return { defaultFolder, folderRefs: new Map(), folders: [], tableRefs: new Map(), tables: [], connectionRefs: new Map() };
}

/** The ref of a folder (the default folder when none), its parents named first. */
export function folderRef(objects: PackObjects, f: Folder | undefined): string {
  const key: Folder | string = f ?? objects.defaultFolder;
  const known = objects.folderRefs.get(key);
  if (known) return known;
  const parent = typeof key === "string" ? null : key.parent ? folderRef(objects, key.parent) : null;
  const name = typeof key === "string" ? key : key.name;
  const ref = uniqueRef(slug(name, "folder"), new Set(objects.folders.map((x) => x.ref)));
  objects.folderRefs.set(key, ref);
  const raw = typeof key === "string" ? undefined : key.raw;
  objects.folders.push({
    ref,
    name,
    description: typeof key === "string" ? "" : (key.description ?? ""),
    parent,
    withPath: raw?.withPath ?? true,
    mediaUri: raw?.mediaUri ?? "",
  });
  return ref;
}

export function tableRef(objects: PackObjects, t: Table): string {
  const known = objects.tableRefs.get(t);
  if (known) return known;
  const ref = uniqueRef(slug(t.name, "table"), new Set(objects.tables.map((x) => x.ref)));
  objects.tableRefs.set(t, ref);
  objects.tables.push({
    ref,
    name: t.name,
    description: t.description ?? "",
    folder: t.raw?.folderId !== undefined ? { dangling: t.raw.folderId } : { ref: folderRef(objects, t.folder) },
    tableClass: t.raw?.tableClass ?? "simple",
    columns: t.columns.map((c, i) => ({
      name: c.name,
      type: t.raw?.columnTypes?.[i] ?? TABLE_COLUMN_TYPES[c.type].code,
      default: c.default ?? null,
    })),
  });
  return ref;
}

export function connectionRef(objects: PackObjects, c: Connection, site: CallSite | undefined): string {
  if (!c || c.kind !== "connection") throw new DslError("connection must be made with connection(name, connector)", site);
  const key = connectionKey(c);
  const known = objects.connectionRefs.get(key);
  if (known) return known.ref;
  const ref = uniqueRef(slug(c.name, "connection"), new Set([...objects.connectionRefs.values()].map((x) => x.ref)));
  objects.connectionRefs.set(key, { ref, connection: c });
  return ref;
}

/** A connection is one per connector and name: `connection("Okta", "okta")` twice is the same connection. */
function connectionKey(c: Connection): string {
  return `${c.connector}\u0000${c.name}`;
}

/** The pack's connections, in the order they were first used. */
export function irConnections(objects: PackObjects): IrConnection[] {
  return [...objects.connectionRefs.values()].map(({ ref, connection }) => ({
    ref,
    name: connection.name,
    connector: connection.connector,
  }));
}

function uniqueRef(base: string, taken: Set<string>): string {
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base}-${n}`;
  return ref;
}

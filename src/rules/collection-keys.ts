import type { Rule } from "./types.js";
import { isObj, ptr, type Obj } from "./model.js";
import type { Report } from "./types.js";

/** The keys of folders and tables in every real export (FLOPACK.md §2.4, §2.5): import and build keep these. */
const KEYS = {
  group: new Set(["id", "data"]),
  groupData: new Set(["name", "description", "media_uri", "path"]),
  table: new Set(["id", "name", "description", "data"]),
  tableData: new Set(["class", "group_id", "structure"]),
};

export const collectionKeys: Rule = {
  code: "FP216",
  slug: "collection-keys",
  severity: "warning",
  description:
    "A folder (`groups`) or table carries only the keys real exports have; any other key is not kept by `flocode import` (nor written by `build`).",
  check({ index }, report) {
    for (const [key, group] of index.groups) extra(group, KEYS.group, KEYS.groupData, ptr("/data/groups", key), "folder", report);
    for (const [key, table] of index.tables) extra(table, KEYS.table, KEYS.tableData, ptr("/data/tables", key), "table", report);
  },
};

function extra(obj: Obj, keys: Set<string>, dataKeys: Set<string>, at: string, what: string, report: Report): void {
  for (const k of Object.keys(obj)) if (!keys.has(k)) report(ptr(at, k), message(k, what));
  const data = obj.data;
  if (isObj(data)) for (const k of Object.keys(data)) if (!dataKeys.has(k)) report(ptr(at, "data", k), message(k, `${what}'s data`));
}

function message(key: string, what: string): string {
  return `key ${JSON.stringify(key)} in a ${what} is in no real export: flocode import does not keep it (it is lost on import and build)`;
}

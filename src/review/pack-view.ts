/**
 * A flopack as a reviewer sees it (src/review/view-types.ts): folders, connections, tables and flows, every
 * generated id replaced by a human name, every order derived from content, so that two exports that differ only
 * in ids or storage order give the same view. Each build has its own context: nothing is shared between views.
 */
import { createHash } from "node:crypto";
import { buildFlow } from "./flow-view.js";
import { buildFolderPaths, folderName } from "./folders.js";
import { arr, canonicalJson, compareStrings, entries, get, getPath, isObject, str } from "./json.js";
import { newPackContext } from "./view-context.js";
import type { ConnectionView, ExternalFlowView, FlowView, FolderView, PackView, TableView } from "./view-types.js";

export function buildPackView(flopack: unknown): PackView {
  const data = get(flopack, "data");
  const pack = newPackContext(collectIds(data));
  for (const [id, flo] of entries(get(data, "flos"))) pack.flowNames.set(id, str(get(flo, "name")) ?? "(unnamed flow)");
  for (const [id, t] of entries(get(data, "tables"))) pack.tableNames.set(id, str(get(t, "name")) ?? "(unnamed table)");
  for (const [id, c] of entries(get(data, "configs"))) pack.configNames.set(id, str(get(c, "name")) ?? "(unnamed connection)");

  const folderPaths = buildFolderPaths(get(data, "groups"));
  const folders: FolderView[] = [...folderPaths.entries()].map(([id, path]) => ({
    path,
    name: str(getPath(get(data, "groups"), id, "data", "name")) ?? "",
    description: str(getPath(get(data, "groups"), id, "data", "description")) ?? "",
  }));
  folders.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.description, b.description));

  const flows: FlowView[] = [];
  const stubs: Array<{ name: string; description: string }> = [];
  for (const [, flo] of entries(get(data, "flos"))) {
    if (get(flo, "data") === null)
      stubs.push({ name: str(get(flo, "name")) ?? "(unnamed flow)", description: str(get(flo, "description")) ?? "" });
    else flows.push(buildFlow(flo, pack, folderPaths));
  }
  flows.sort((a, b) => compareStrings(a.folder ?? "", b.folder ?? "") || compareStrings(a.name, b.name));
  const externalFlows = externalFlowViews(stubs, flows);

  const usedBy = new Map<string, Set<string>>();
  for (const flow of flows)
    for (const card of flow.cards) {
      const cfg = pack.connectionIds.get(card);
      if (cfg !== undefined) {
        let set = usedBy.get(cfg);
        if (!set) usedBy.set(cfg, (set = new Set()));
        set.add(flow.name);
      }
    }
  const connections: ConnectionView[] = entries(get(data, "configs")).map(([id, c]) => {
    const secret = get(c, "data");
    return {
      name: str(get(c, "name")) ?? "(unnamed connection)",
      connector: str(get(c, "module")) ?? "?",
      usedBy: [...(usedBy.get(id) ?? [])].sort(compareStrings),
      ...(secret !== undefined && secret !== null ? { dataDigest: digest(secret) } : {}),
    };
  });
  connections.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.connector, b.connector));

  const tables: TableView[] = entries(get(data, "tables")).map(([, t]) => ({
    name: str(get(t, "name")) ?? "(unnamed table)",
    description: str(get(t, "description")) ?? "",
    folder: folderName(folderPaths, getPath(t, "data", "group_id")),
    columns: arr(getPath(t, "data", "structure")).map((c) => ({
      name: str(get(c, "name")) ?? "?",
      type: str(get(c, "type")) ?? "?",
      default: get(c, "default") ?? null,
    })),
  }));
  tables.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(canonicalJson(a), canonicalJson(b)));

  return { folders, connections, tables, flows, externalFlows };
}

/** The stubs of flows kept elsewhere, with the flows that call them (by a card's flow input or error policy). */
function externalFlowViews(stubs: Array<{ name: string; description: string }>, flows: FlowView[]): ExternalFlowView[] {
  const views = stubs.map((s) => {
    const calledBy = flows
      .filter((f) => f.cards.some((c) => c.calls.some((call) => call.value === s.name) || c.errorPolicy?.flow === s.name))
      .map((f) => f.name);
    return { name: s.name, description: s.description, calledBy: [...new Set(calledBy)].sort(compareStrings) };
  });
  return views.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.description, b.description));
}

/** Tells connection data apart without keeping it in the view. */
function digest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** Generated ids: collection keys, card uuids, entry ids, edge ids (top-level and inline scopes). */
function collectIds(data: unknown): Set<string> {
  const ids = new Set<string>();
  const scope = (fd: unknown, depth: number): void => {
    if (depth > 16) return;
    for (const [edge] of entries(get(fd, "orderings"))) ids.add(edge);
    for (const m of arr(get(fd, "methods"))) {
      const uuid = str(get(m, "uuid"));
      if (uuid !== undefined) ids.add(uuid);
      for (const side of ["inputs", "outputs"]) {
        for (const [id, e] of entries(getPath(m, "node", "model", side, "data"))) {
          ids.add(id);
          const inline = getPath(e, "value", "data");
          if (getPath(e, "value", "type") === "flo" && isObject(inline)) scope(inline, depth + 1);
        }
      }
      const policyFlo = getPath(m, "node", "model", "policy", "error", "flo");
      if (isObject(policyFlo)) scope(policyFlo, depth + 1);
    }
  };
  for (const coll of ["flos", "configs", "tables", "groups"])
    for (const [id, value] of entries(get(data, coll))) {
      ids.add(id);
      if (coll === "flos") scope(get(value, "data"), 0);
    }
  return ids;
}

/** Folder paths as a reviewer reads them: "Root / Child", names along the parent chain. */
import { entries, getPath, str } from "./json.js";

/** Folder id → "Root / Child" (names along the parent chain recorded in `path`). */
export function buildFolderPaths(groups: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, g] of entries(groups)) names.set(id, str(getPath(g, "data", "name")) ?? "(unnamed folder)");
  const paths = new Map<string, string>();
  for (const [id, g] of entries(groups)) {
    const chain = (str(getPath(g, "data", "path")) ?? "").split(".").filter((s) => s !== "");
    paths.set(id, [...chain.map((p) => names.get(p) ?? "(missing folder)"), names.get(id) ?? ""].join(" / "));
  }
  return paths;
}

/** The path of the folder a flow or table is in; null when it is in none. */
export function folderName(paths: Map<string, string>, id: unknown): string | null {
  if (typeof id !== "string") return null;
  return paths.get(id) ?? "(folder not exported)";
}

import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";

export const groupPath: Rule = {
  code: "FP106",
  slug: "group-path",
  severity: "error",
  description: "A non-empty folder `path` is the dot-joined ids of its ancestor folders, all present in data.groups (D7).",
  check({ index }, report) {
    for (const [key, group] of index.groups) {
      const path = own(objAt(group, "data"), "path");
      if (typeof path !== "string" || path === "") continue;
      for (const id of path.split(".")) {
        if (id === key) report(ptr("/data/groups", key, "data", "path"), "a folder's path lists its ancestors, not the folder itself");
        else if (!index.groups.has(id))
          report(ptr("/data/groups", key, "data", "path"), `path names folder ${JSON.stringify(id)}, which is not in data.groups`);
      }
    }
  },
};

import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";

export const groupRefs: Rule = {
  code: "FP107",
  slug: "group-refs",
  severity: "error",
  description: "When data.groups is not empty, every flow's `group` and every table's `group_id` is one of its keys (D8, D9).",
  check({ index }, report) {
    if (index.groups.size === 0) return;
    for (const flow of index.flows) {
      const g = own(flow.data, "group");
      if (typeof g === "string" && !index.groups.has(g))
        report(ptr(flow.pointer, "data", "group"), `folder ${JSON.stringify(g)} is not in data.groups`);
    }
    for (const [key, table] of index.tables) {
      const g = own(objAt(table, "data"), "group_id");
      if (typeof g === "string" && !index.groups.has(g))
        report(ptr("/data/tables", key, "data", "group_id"), `folder ${JSON.stringify(g)} is not in data.groups`);
    }
  },
};

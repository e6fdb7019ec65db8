import type { Rule } from "./types.js";
import { hasNoKeys, objAt } from "./model.js";

export const groupsPresent: Rule = {
  code: "FP201",
  slug: "groups-present",
  severity: "warning",
  description:
    "data.groups holds the folder of the flows. Some 1.4.0/1.5.0 exports omit it, leaving `flo.data.group` pointing at a folder not in the file.",
  check({ index }, report) {
    const groups = objAt(index.data, "groups");
    if (groups && hasNoKeys(groups) && index.flows.length > 0)
      report("/data/groups", "no folder is exported; the flows' group points at a folder that is not in the file");
  },
};

import type { Rule } from "./types.js";
import { objAt, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const idsMatchKeys: Rule = {
  code: "FP104",
  slug: "ids-match-keys",
  severity: "error",
  description: "Every flow, connection, table and folder is stored under its own id, and a flow's data.uuid repeats it (D3, D4, D6, F1).",
  check({ index }, report) {
    for (const [name, map] of [
      ["flos", index.flos],
      ["configs", index.configs],
      ["tables", index.tables],
      ["groups", index.groups],
    ] as const) {
      for (const [key, item] of map) {
        const id = own(item, "id");
        if (id !== key) report(ptr("/data", name, key, "id"), `id ${show(id)} differs from its key ${JSON.stringify(key)} in data.${name}`);
      }
    }
    for (const flow of index.flows) {
      const uuid = own(objAt(flow.raw, "data"), "uuid");
      if (flow.data && uuid !== flow.key)
        report(ptr(flow.pointer, "data", "uuid"), `data.uuid ${show(uuid)} differs from the flow's key ${JSON.stringify(flow.key)}`);
    }
  },
};

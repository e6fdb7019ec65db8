import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const uniqueFlowNames: Rule = {
  code: "FP114",
  slug: "unique-flow-names",
  severity: "error",
  description: "Flow names are unique within a pack.",
  check({ index }, report) {
    const seen = new Map<string, string>();
    for (const flow of index.flows) {
      const name = flow.raw.name;
      if (typeof name !== "string") continue;
      const first = seen.get(name);
      if (first !== undefined)
        report(ptr(flow.pointer, "name"), `flow name ${JSON.stringify(name)} is also used by flow ${JSON.stringify(first)}`);
      else seen.set(name, flow.key);
    }
  },
};

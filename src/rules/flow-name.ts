import type { Rule } from "./types.js";
import { ptr } from "./model.js";

/** Okta's designer gives every flow a name, and flocode's `flow()` takes none without one. */
export const flowName: Rule = {
  code: "FP142",
  slug: "flow-name",
  severity: "error",
  description: "Every flow (stubs too) has a name with something in it besides white space, as Okta's designer requires.",
  check({ index }, report) {
    for (const flow of index.flows) {
      const name = flow.raw.name;
      if (typeof name === "string" && name.trim() === "")
        report(ptr(flow.pointer, "name"), `flow ${JSON.stringify(flow.key)} has a blank name (${JSON.stringify(name)})`);
    }
  },
};

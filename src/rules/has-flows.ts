import type { Rule } from "./types.js";
import { objAt } from "./model.js";
import { issue } from "./_helpers.js";

export const hasFlows: Rule = {
  code: "FP103",
  slug: "has-flows",
  severity: "error",
  description: "A flopack holds at least one flow (D2).",
  *check({ index }) {
    const flos = objAt(index.data, "flos");
    if (flos && Object.keys(flos).length === 0) yield issue("/data/flos", "the pack has no flows");
  },
};

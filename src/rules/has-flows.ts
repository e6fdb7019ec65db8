import type { Rule } from "./types.js";
import { hasNoKeys, objAt } from "./model.js";

export const hasFlows: Rule = {
  code: "FP103",
  slug: "has-flows",
  severity: "error",
  description: "A flopack holds at least one flow (D2).",
  check({ index }, report) {
    const flos = objAt(index.data, "flos");
    if (flos && hasNoKeys(flos)) report("/data/flos", "the pack has no flows");
  },
};

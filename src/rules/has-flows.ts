import type { Rule } from "./types.js";
import { hasNoKeys, objAt, own } from "./model.js";

export const hasFlows: Rule = {
  code: "FP103",
  slug: "has-flows",
  severity: "error",
  description:
    "A flopack holds at least one flow (D2): a pack of flow stubs only (`data: null`, flows kept elsewhere) holds none, and Okta never exports one.",
  check({ index }, report) {
    const flos = objAt(index.data, "flos");
    if (!flos) return;
    if (hasNoKeys(flos)) report("/data/flos", "the pack has no flows");
    else if (index.flows.every((flow) => own(flow.raw, "data") === null))
      report("/data/flos", `the pack has no flows, only stubs of flows kept elsewhere (${index.flows.length})`);
  },
};

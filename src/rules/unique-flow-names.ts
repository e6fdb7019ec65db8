import type { Rule } from "./types.js";
import { ptr, type FlowView } from "./model.js";

export const uniqueFlowNames: Rule = {
  code: "FP114",
  slug: "unique-flow-names",
  severity: "error",
  description:
    "Flow names are unique within a pack, except for an exact copy: a flow exported twice (same name, description and content; only its id differs), which Okta writes when a folder holds the same flow twice.",
  check({ index }, report) {
    const seen = new Map<string, FlowView>();
    for (const flow of index.flows) {
      const name = flow.raw.name;
      if (typeof name !== "string") continue;
      const first = seen.get(name);
      if (first === undefined) seen.set(name, flow);
      else if (!isCopy(first, flow))
        report(ptr(flow.pointer, "name"), `flow name ${JSON.stringify(name)} is also used by flow ${JSON.stringify(first.key)}`);
    }
  },
};

/** The two flows are the same but for their ids (run only for namesakes, which are rare). */
function isCopy(a: FlowView, b: FlowView): boolean {
  const withoutId = (f: FlowView): string => JSON.stringify(f.raw).split(JSON.stringify(f.key)).join('"\u0000"');
  return withoutId(a) === withoutId(b);
}

import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const flowDescription: Rule = {
  code: "FP211",
  slug: "flow-description",
  severity: "warning",
  description: "A flow has a description (about half of real exports leave it empty).",
  check({ index }, report) {
    for (const flow of index.flows) if (flow.raw.description === "") report(ptr(flow.pointer, "description"), "flow has no description");
  },
};

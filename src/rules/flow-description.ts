import type { Rule } from "./types.js";
import { ptr } from "./model.js";
import { issue } from "./_helpers.js";

export const flowDescription: Rule = {
  code: "FP211",
  slug: "flow-description",
  severity: "warning",
  description: "A flow has a description (about half of real exports leave it empty).",
  *check({ index }) {
    for (const flow of index.flows) if (flow.raw.description === "") yield issue(ptr(flow.pointer, "description"), "flow has no description");
  },
};

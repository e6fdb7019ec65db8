import { FLOW_CORE_KEYS } from "../format/flow.js";
import type { Rule } from "./types.js";
import { ptr } from "./model.js";
import { issue } from "./_helpers.js";

export const flowDataKeyOrder: Rule = {
  code: "FP113",
  slug: "flow-data-key-order",
  severity: "error",
  description: "A flow's data starts with its 13 core keys in the exporter's order: id, uuid, display, tree, methods, model, orderings, cron, security_level, log, inheritLog, scheduled, group (F4).",
  *check({ index }) {
    for (const flow of index.flows) {
      if (!flow.data) continue;
      const wanted = FLOW_CORE_KEYS.filter((k) => Object.hasOwn(flow.data!, k));
      const first = Object.keys(flow.data).slice(0, wanted.length);
      if (first.join("\u0000") !== wanted.join("\u0000")) {
        yield issue(ptr(flow.pointer, "data"), `flow data starts with ${first.join(", ")}; exports start with ${wanted.join(", ")}`);
      }
    }
  },
};

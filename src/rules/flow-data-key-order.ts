import { FLOW_CORE_KEYS } from "../format/keys.js";
import type { Rule } from "./types.js";
import { ptr, type Obj } from "./model.js";

export const flowDataKeyOrder: Rule = {
  code: "FP113",
  slug: "flow-data-key-order",
  severity: "error",
  description:
    "A flow's data starts with its 13 core keys in the exporter's order: id, uuid, display, tree, methods, model, orderings, cron, security_level, log, inheritLog, scheduled, group (F4).",
  check({ index }, report) {
    for (const flow of index.flows) {
      if (!flow.data || startsWithCoreKeys(flow.data)) continue;
      const wanted = FLOW_CORE_KEYS.filter((k) => Object.hasOwn(flow.data!, k));
      const first = Object.keys(flow.data).slice(0, wanted.length);
      report(ptr(flow.pointer, "data"), `flow data starts with ${first.join(", ")}; exports start with ${wanted.join(", ")}`);
    }
  },
};

/** Whether the first keys of `data` are its core keys, in core order (checked without allocating). */
function startsWithCoreKeys(data: Obj): boolean {
  let next = 0; // index in FLOW_CORE_KEYS of the next core key `data` has
  const advance = () => {
    while (next < FLOW_CORE_KEYS.length && !Object.hasOwn(data, FLOW_CORE_KEYS[next]!)) next++;
  };
  advance();
  for (const k in data) {
    if (!Object.hasOwn(data, k)) continue;
    if (next === FLOW_CORE_KEYS.length) return true; // every core key present came first
    if (k !== FLOW_CORE_KEYS[next]) return false;
    next++;
    advance();
  }
  return next === FLOW_CORE_KEYS.length;
}

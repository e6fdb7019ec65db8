import { flow, helperFlow } from "flocode";
import { kernel } from "flocode/cards";
import { auditFolder } from "./resources.js";

/** Helper flow: called once per group by the For Each card of "Audit User Groups". */
export default flow(
  {
    name: "Log One Group",
    description: "Logs one group of the audited account (as JSON).",
    folder: auditFolder,
    trigger: helperFlow({ params: { group: "object" } }),
  },
  (f) => {
    f.add(kernel.json.stringify({ object: f.trigger.group }));
  },
);

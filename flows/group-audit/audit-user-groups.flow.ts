import { flow, schedule } from "flocode";
import { kernel, okta } from "flocode/cards";
import logOneGroup from "./log-group.flow.js";
import { auditFolder, oktaOrg } from "./resources.js";

/** Every Monday at 06:00 (Paris), reads the service account's groups and hands each to a helper flow. */
export default flow(
  {
    name: "Audit User Groups",
    description: "Reads the groups of the service account and logs each one through a helper flow.",
    folder: auditFolder,
    saveAllData: false,
    trigger: schedule.weekly({ on: ["monday"], at: "06:00", timeZone: "Europe/Paris" }),
  },
  (f) => {
    const groups = f.add(okta.getUsersGroups({ connection: oktaOrg, resultSet: "First 200 Records", id: "svc-workflows@example.com" }));
    // Each group (the whole list item: fromItem "") is the helper flow's "group" parameter.
    f.add(
      kernel.list.each({
        list: groups.groups,
        flo: logOneGroup,
        concurrency: 1,
        customInputs: [{ key: "group", type: "object", fromItem: "" }],
      }),
    );
  },
);

/** A pack: both flows (the scheduled one and its helper) in one flopack, dist/group-audit.flopack. */
import { pack } from "flocode";
import auditUserGroups from "./audit-user-groups.flow.js";
import logOneGroup from "./log-group.flow.js";

export default pack({ flows: [auditUserGroups, logOneGroup] });

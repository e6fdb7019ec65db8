import { connection, folder } from "flocode";

export const auditFolder = folder("Group Audit", { description: "Weekly audit of a service account's groups" });
export const oktaOrg = connection("Okta", "okta");

/**
 * M365 Keepalive: keeps a Microsoft 365 developer tenant active by calling the Microsoft Graph API twice a week
 * (from Okta's field guide "Integrate Okta with Microsoft Office 365", section "Create a scheduled workflow").
 *
 * After import: authorize the "Office 365 Admin" connection, then turn the flow on.
 */
import { connection, flow, schedule } from "flocode";
import { office365admin } from "flocode/cards";

const m365 = connection("Office 365 Admin", "office365admin");

export default flow(
  {
    name: "M365 Keepalive",
    description: "Keeps the Microsoft 365 developer tenant active: calls the Graph API twice a week.",
    saveAllData: true,
    trigger: schedule.weekly({ on: ["sunday", "wednesday"], at: "02:00", timeZone: "America/Los_Angeles" }),
  },
  (f) => {
    // The response is not used: the calls only generate activity in the tenant.
    f.add(office365admin.getLicenses({ connection: m365 }));
    f.add(office365admin.customApiAction({ connection: m365, requestType: "GET", relativeUrl: "/Me" }));
  },
);

/**
 * An API endpoint that suspends an Okta user by login, unless the user is already suspended.
 * Call it with POST {"login": "jane@example.com"} and the flow's client token.
 */
import { apiEndpoint, connection, flow } from "flocode";
import { okta } from "flocode/cards";

const oktaOrg = connection("Okta", "okta");

export default flow(
  {
    name: "Suspend User by Login",
    description: "API endpoint: suspends the user whose login is posted, unless already suspended.",
    trigger: apiEndpoint({ security: "clientToken", body: { login: "string" } }),
  },
  (f) => {
    const user = f.add(okta.readUser({ connection: oktaOrg, idOrLogin: f.trigger.login }));
    f.ifElse(
      { left: user.status, operator: "==", right: "SUSPENDED" },
      (already) => {
        already.comment("Nothing to do: the user is already suspended.");
      },
      (active) => {
        active.add(okta.suspendUser({ connection: oktaOrg, id: user.id }));
      },
    );
  },
);

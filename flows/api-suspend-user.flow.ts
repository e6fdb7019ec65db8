/**
 * An API endpoint that suspends an Okta user by login, unless the user is already suspended.
 * Call it with POST {"login": "jane@example.com"} and the flow's client token; it answers
 * {"login": "jane@example.com", "result": "suspended"} (or "already suspended").
 */
import { apiEndpoint, compose, connection, flow, type FlowBuilder } from "flocode";
import { kernel, okta } from "flocode/cards";

const oktaOrg = connection("Okta", "okta");

/** The outcome of a branch, handed on by the If/Else's Join. */
const outcome = (b: FlowBuilder, result: string) => ({
  result: b
    .add(kernel.control.let({ name: "Outcome", customInputs: [{ key: "result", type: "string", value: result }] }))
    .$custom<string>("result"),
});

export default flow(
  {
    name: "Suspend User by Login",
    description: "API endpoint: suspends the user whose login is posted, unless already suspended.",
    trigger: apiEndpoint({ security: "clientToken", body: { login: "string" } }),
  },
  (f) => {
    const user = f.add(okta.readUser({ connection: oktaOrg, idOrLogin: f.trigger.login }));
    const done = f.ifElse<{ result: string }>(
      { left: user.status, operator: "==", right: "SUSPENDED" },
      (already) => {
        already.comment("Nothing to do: the user is already suspended.");
        return outcome(already, "already suspended");
      },
      (active) => {
        active.add(okta.suspendUser({ connection: oktaOrg, id: user.id }));
        return outcome(active, "suspended");
      },
    );
    const body = f.add(compose`{"login": "${f.trigger.login}", "result": "${done.result}"}`);
    f.add(kernel.control.returnRaw({ statusCode: 200, headers: { "Content-Type": "application/json" }, body: body.output }));
  },
);

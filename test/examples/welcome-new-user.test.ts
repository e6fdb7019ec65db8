/**
 * The event flow example: a user created in Okta is announced in Slack. Its Get card (`object:get`) runs in the
 * function-card library: the test runs once the library has it.
 */
import { describe, expect, it } from "vitest";
import { mock, simulate } from "flocode/testing";
import { okta, slack } from "flocode/cards";
import welcome from "../../flows/welcome-new-user.flow.js";

const event = { "Okta User": { ID: "00u1", "Alternate ID": "jane@example.com" }, Message: "Add user to Okta", "Event ID": "evt-1" };

describe("Announce New Users (Okta event)", () => {
  it("reads the new user and posts one message to the Slack channel", async () => {
    const run = await simulate(welcome, {
      input: event,
      mocks: [
        mock(okta.readUser, { id: "00u1", login: "jane@example.com" }),
        mock(slack.sendMessageToChannel2, { timestamp: "1700000000.0001" }),
      ],
    });
    expect(run.error).toBeUndefined();
    expect(run.trigger).toBe("event");
    expect(run.calls.map((c) => [c.card, c.inputs])).toEqual([
      ["Read User", { "ID or Login": "00u1" }],
      [
        "Send Message to Channel",
        {
          "Send as bot?": "Yes",
          "Unfurl URLs?": "Yes",
          "Message Type": "Plain Text",
          Channel: "C0123ABCDEF",
          Text: "New Okta user: jane@example.com (Add user to Okta, event evt-1)",
        },
      ],
    ]);
  });
});

/**
 * Okta event flow: when a user is created in Okta, post a message to a Slack channel.
 * Okta stores event flows wrapped (event card → For Each - Ignore Errors); flocode writes that form.
 */
import { compose, connection, event, field, flow } from "flocode";
import { okta, slack } from "flocode/cards";

const oktaOrg = connection("Okta", "okta");
const slackWorkspace = connection("Slack", "slack");

export default flow(
  {
    name: "Announce New Users",
    description: "Posts a Slack message for every user created in Okta.",
    trigger: event(okta.userCreated({ connection: oktaOrg })),
  },
  (f) => {
    const user = f.add(okta.readUser({ connection: oktaOrg, idOrLogin: field(f.trigger.oktaUser, "ID") }));
    const message = f.add(compose`New Okta user: ${user.login} (${f.trigger.message}, event ${f.trigger.eventId})`);
    f.add(
      slack.sendMessageToChannel2({
        connection: slackWorkspace,
        channel: "C0123ABCDEF",
        text: message.output,
      }),
    );
  },
);

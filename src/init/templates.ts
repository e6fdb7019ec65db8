/**
 * The files `flocode init` writes into a team's repository: an example flow and its test, a tsconfig that
 * type-checks flow files, the `.gitattributes` lines for readable diffs of exports, and the GitHub Actions workflow
 * that checks every pull request and comments on it with the flow changes.
 */

/** The hidden marker that finds flocode's comment on a pull request again (src/github/pr-comment.ts). */
export const COMMENT_MARKER = "<!-- flocode:pr-comment -->";

/** Where the example flow lives; its built file is `dist/m365-keepalive.flow`. */
export const EXAMPLE_FLOW_PATH = "flows/m365-keepalive.flow.ts";
export const EXAMPLE_TEST_PATH = "test/m365-keepalive.test.ts";
export const WORKFLOW_PATH = ".github/workflows/flocode.yml";

/** The M365 Keepalive flow of the README (kept equal to flocode's own flows/m365-keepalive.flow.ts by a test). */
export const EXAMPLE_FLOW = `/**
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
`;

/** The example flow's test: flocode/testing runs the flow on this machine, the connector mocked. */
export const EXAMPLE_TEST = `/**
 * Flows are tested like code: flocode/testing runs a flow from its trigger, card by card, connectors mocked.
 * Run with \`npm test\`.
 */
import { describe, expect, it } from "vitest";
import { httpMock, mock, simulate } from "flocode/testing";
import { office365admin } from "flocode/cards";
import keepalive from "../flows/m365-keepalive.flow.js";

describe("M365 Keepalive", () => {
  it("calls Get Licenses, then GET /Me, and completes", async () => {
    const run = await simulate(keepalive, {
      mocks: [
        mock(office365admin.getLicenses, { licenses: [{ "SKU Part Number": "DEVELOPERPACK_E5", "Consumed Units": 1 }] }),
        httpMock("GET", "/Me", { status: 200, body: { displayName: "Tenant Admin" } }),
      ],
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe("completed");
    expect(run.calls.map((c) => c.card)).toEqual(["Get Licenses", "Custom API Action"]);
  });

  it("fails when Microsoft Graph refuses the call", async () => {
    const run = await simulate(keepalive, {
      mocks: [
        mock(office365admin.getLicenses, { licenses: [] }),
        httpMock("GET", "/Me", { status: 401, body: { message: "token expired" } }),
      ],
    });
    expect(run.status).toBe("failed");
  });
});
`;

/**
 * Type-checks flow files and their tests. \`Bundler\` resolution reads flocode's \`exports\` map (\`flocode\`,
 * \`flocode/cards\`, \`flocode/testing\`) and lets tests import \`../flows/x.flow.js\` as vitest does.
 */
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022"],
      module: "ESNext",
      moduleResolution: "Bundler",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      forceConsistentCasingInFileNames: true,
    },
    include: ["flows", "test"],
  },
  null,
  2,
)}\n`;

/** `git diff` of an export shows `flocode show`'s readable view (the driver is set with `git config`). */
export const GITATTRIBUTES_LINES: readonly string[] = ["*.flow diff=flocode", "*.folder diff=flocode", "*.flopack diff=flocode"];
export const GITIGNORE_LINES: readonly string[] = ["node_modules/"];

export const TEXTCONV_KEY = "diff.flocode.textconv";
export const DEFAULT_TEXTCONV = "flocode show";

/** package.json scripts: build into dist/, check that dist/ is current and valid, run the flow tests. */
export const SCRIPTS: Readonly<Record<string, string>> = {
  build: "flocode build",
  check: "flocode build --check && flocode validate dist/*",
  test: "vitest run",
  typecheck: "tsc --noEmit -p .",
};

/**
 * The pull-request workflow: install, check that dist/ is what the flow files build, validate it, type-check
 * and test the flows, then comment with the Markdown diff and the graph of every changed flow. The comment step
 * runs whenever dist/ is current (also when validation or tests fail: reviewers need the diff most then).
 */
export const WORKFLOW = `# flocode: checks every pull request and comments with what changed in the flows.
# Written by \`flocode init\`; edit freely (\`flocode init\` never overwrites it without --force).
name: flocode

on:
  pull_request:

permissions:
  contents: read
  pull-requests: write # the review comment

concurrency:
  group: flocode-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  flows:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the base branch's built files, for the diff
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: Install
        run: if [ -f package-lock.json ]; then npm ci; else npm install; fi
      - name: dist/ is what the flow files build
        id: build
        run: npx flocode build --check --format github # mistakes as annotations on the changed lines
      - name: Validate the built files
        run: npx flocode validate dist/* --format github
      - name: Type-check the flows
        run: npx tsc --noEmit -p .
      - name: Flow tests
        run: npm test
      - name: Comment with the changed flows (diff and graph)
        if: \${{ !cancelled() && steps.build.outcome == 'success' }}
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: npx flocode pr-comment --dist dist
`;

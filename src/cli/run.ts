import type { Command } from "commander";

export interface RunOptions {
  flow?: string;
  input?: string;
  mocks?: string;
  autoMocks?: boolean;
  tables?: string;
  now?: string;
  json?: boolean;
}

/** `flocode run <file>`: simulates a flow on this machine and prints its execution history. */
export function registerRun(program: Command): void {
  program
    .command("run")
    .description("simulate a flow on this machine, connectors mocked, and print its execution history card by card")
    .argument("<file>", "a flow source (.flow.ts, pack.ts) or an export (.flopack)")
    .option("--flow <name>", "the flow to run (default: the file's only flow that no other flow calls)")
    .option("--input <json>", "the trigger's data as JSON, or @file to read it from a file")
    .option(
      "--mocks <file>",
      "mocks: a JSON file { cards, http, auto }, or a .js/.ts module whose default export is a list of mock()/httpMock()",
    )
    .option("--auto-mocks", "give every connector card no mock answers outputs shaped from its output types (smoke runs)")
    .option("--tables <json>", "rows of the pack's tables by table name, as JSON or @file")
    .option("--now <date>", "the virtual clock's start (ISO 8601; default 2025-01-01T00:00:00Z)")
    .option("--json", "print the result as JSON: { flow, status, outputs, trace, calls, tables, error, warnings }")
    .addHelpText(
      "after",
      `
\`run\` executes the file: a flow source is TypeScript that runs in this process (as \`build\` runs it), so
only run files you trust. Nothing reaches Okta or any connector: connector cards get their outputs from mocks.

--input, by trigger:
  helper / scheduled / delegated flow   the start card's fields: {"login": "jane@example.com"}
  API endpoint                          the request: {"body": {...}, "query": {...}, "headers": {...}}
  event (User Created...)               the event's fields: {"Okta User": {"ID": "00u1"}, "Message": "..."}

--mocks file (JSON):
  {
    "cards": { "okta.readUser": { "ID": "00u1", "Status": "ACTIVE" },
               "office365admin.getLicenses": { "Licenses": [] } },
    "http":  [ { "method": "GET", "url": "/Me", "status": 200, "body": { "id": "1" } } ],
    "auto":  false
  }
  A card mock's value may be { "$error": { "message": "Not found", "code": 404 } } to make the card fail.

Exit codes: 0 the flow ran to completion (or a Continue If stopped it), 1 the flow failed or the simulation
stopped (a card not simulated yet, a card without a mock, a mock of the wrong shape), 2 usage or I/O error.

Examples:
  $ flocode run flows/m365-keepalive.flow.ts --auto-mocks
  $ flocode run flows/api-suspend-user.flow.ts --input '{"body": {"login": "jane@example.com"}}' --mocks mocks.json
  $ flocode run export.flopack --flow "Audit User Groups" --auto-mocks --json`,
    )
    .action(async (file: string, options: RunOptions) => {
      const { runSimulation } = await import("./run-simulation.js");
      process.exitCode = await runSimulation(file, options);
    });
}

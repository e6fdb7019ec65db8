/**
 * `flocode run`: prints the execution history card by card (or JSON), exit 0 when the flow ran to completion,
 * 1 when it failed or the simulation stopped, 2 for usage and I/O errors, always one clear line, never a stack.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const KEEPALIVE = "flows/m365-keepalive.flow.ts";
const tmp = (): string => mkdtempSync(join(tmpdir(), "flocode-run-"));

function mocksFile(content: unknown): string {
  const file = join(tmp(), "mocks.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("flocode run", () => {
  it("prints the execution history card by card and exits 0 when the flow completes", () => {
    const r = runCli(["run", KEEPALIVE, "--auto-mocks"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("M365 Keepalive (scheduled flow), simulated from 2025-01-01T00:00:00.000Z");
    expect(lines.filter((l) => /^\s+\d+\. /.test(l)).map((l) => l.trim())).toEqual([
      "1. Scheduled Flow  [control:callable]",
      "2. Get Licenses  [office365admin:getLicenses, mocked: auto]",
      "3. Custom API Action  [office365admin:customAPIAction, mocked: auto]",
    ]);
    expect(r.stdout).toContain('       in   Relative URL = "/Me"\n');
    expect(r.stdout).toContain("Completed: 3 cards ran, 2 mocked calls.");
  });

  it("takes mocks from a JSON file (cards and HTTP) and prints JSON with --json", () => {
    const mocks = mocksFile({
      cards: { "office365admin.getLicenses": { Licenses: [{ "SKU Part Number": "E5" }] } },
      http: [{ method: "GET", url: "/Me", status: 200, body: { id: "admin" } }],
    });
    const r = runCli(["run", KEEPALIVE, "--mocks", mocks, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; calls: Array<{ card: string; mock: string }>; trace: unknown[] };
    expect(result.status).toBe("completed");
    expect(result.calls.map((c) => [c.card, c.mock])).toEqual([
      ["Get Licenses", "card"],
      ["Custom API Action", "http"],
    ]);
  });

  it("exits 1 when a card has no mock, with the message saying what to write", () => {
    const r = runCli(["run", KEEPALIVE]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Incomplete: card "Get Licenses" (office365admin:getLicenses) in flow "M365 Keepalive" has no mock');
    expect(r.stdout).toContain('in a --mocks file with { "cards": { "office365admin.getLicenses": { "Licenses": ... } } }');
  });

  it("exits 1 when a mock has the wrong shape, or the flow fails", () => {
    const wrong = runCli(["run", KEEPALIVE, "--mocks", mocksFile({ cards: { "office365admin.getLicenses": { Licences: [] } } })]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('the card has no output "Licences" (its outputs: "Licenses")');
    const failing = runCli([
      "run",
      KEEPALIVE,
      "--mocks",
      mocksFile({ cards: { "office365admin.getLicenses": { $error: { message: "Throttled", code: 503 } } } }),
    ]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('Failed at card "Get Licenses": Throttled (code 503)');
  });

  it("runs an export (.flow) like a flow source, and a pack folder with --flow", () => {
    const out = tmp();
    expect(runCli(["build", KEEPALIVE, "--out", out, "--no-checklist"]).status).toBe(0);
    const fromSource = JSON.parse(runCli(["run", KEEPALIVE, "--auto-mocks", "--json"]).stdout) as { trace: unknown[] };
    const fromExport = JSON.parse(runCli(["run", join(out, "m365-keepalive.flow"), "--auto-mocks", "--json"]).stdout) as {
      trace: unknown[];
    };
    expect(fromExport.trace).toEqual(fromSource.trace);
    const pack = runCli([
      "run",
      "flows/group-audit",
      "--flow",
      "Log One Group",
      "--input",
      '{"group": {"Name": "Everyone"}}',
      "--auto-mocks",
      "--json",
    ]);
    expect(JSON.parse(pack.stdout)).toMatchObject({ flow: "Log One Group", trigger: "helper" });
  });

  it("usage and I/O problems exit 2 with one line and no stack trace", () => {
    const cases: Array<[string[], RegExp]> = [
      [["run", "nope.flow.ts"], /^flocode: nope\.flow\.ts: no such file or folder\n$/],
      [["run", KEEPALIVE, "--input", "{nope"], /^flocode: --input: not JSON: /],
      [["run", KEEPALIVE, "--input", "[1]"], /^flocode: --input must be a JSON object of the trigger's fields\n$/],
      [["run", KEEPALIVE, "--input", "@missing.json"], /^flocode: missing\.json: /],
      [["run", KEEPALIVE, "--mocks", mocksFile({ card: {} })], /unknown key "card" \(expected "cards", "http", "auto"\)\n$/],
      [["run", KEEPALIVE, "--mocks", mocksFile("{")], /--mocks .*mocks\.json: not JSON/],
      [["run", KEEPALIVE, "--flow", "Other"], /^flocode: .*no flow named "Other" \(flows: "M365 Keepalive"\)\n$/],
      [["run", "flows"], /^flocode: flows: a folder, but not a pack folder/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr.split("\n").filter(Boolean), args.join(" ")).toHaveLength(1);
    }
  });

  it("says in --help that it executes the file", () => {
    const r = runCli(["run", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("`run` executes the file");
    expect(r.stdout).toContain("Exit codes: 0 the flow ran to completion");
  });
});

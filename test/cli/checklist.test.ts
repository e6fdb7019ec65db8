import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture } from "../review/fixture.js";
import { runMain } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "flocode-checklist-"));
const file = join(dir, "fixture.flopack");
writeFileSync(file, JSON.stringify(fixture()));

describe("flocode checklist", () => {
  it("prints the numbered checklist", async () => {
    const run = await runMain(["checklist", file]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("After importing into Okta Workflows:");
    expect(lines.filter((l) => /^\s*\d+\. \[ \]/.test(l))).toHaveLength(5);
    expect(run.stdout).toContain('Turn on scheduled flow "Nightly report" last');
  });

  it("--json prints the items", async () => {
    const run = await runMain(["checklist", file, "--json"]);
    expect(JSON.parse(run.stdout).items.map((i: { kind: string }) => i.kind)).toEqual([
      "connection",
      "folder-connection",
      "table",
      "turn-on-scheduled",
      "helper-flows",
    ]);
  });

  it("exits 2 on invalid input", async () => {
    const bad = join(dir, "bad.flopack");
    writeFileSync(bad, "[]");
    const run = await runMain(["checklist", bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("bad.flopack");
  });
});

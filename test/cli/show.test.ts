import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildPackView } from "../../src/review/pack-view.js";
import { renderShow } from "../../src/review/show.js";
import { fixture } from "../review/fixture.js";
import { runCli, runMain } from "../support/cli.js";
import { scramble } from "../support/scramble.js";

const dir = mkdtempSync(join(tmpdir(), "flocode-show-"));
const file = join(dir, "fixture.flopack");
writeFileSync(file, JSON.stringify(fixture()));

describe("flocode show", () => {
  it("prints the canonical YAML and exits 0", async () => {
    const run = await runMain(["show", file]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe(renderShow(buildPackView(fixture())));
    expect(run.stdout.startsWith("flows:\n  - name: Nightly report\n")).toBe(true);
  });

  it("prints the same bytes for a scrambled copy", async () => {
    const other = join(dir, "scrambled.flopack");
    writeFileSync(other, JSON.stringify(scramble(fixture(), 21)));
    expect((await runMain(["show", other])).stdout).toBe((await runMain(["show", file])).stdout);
  });

  it("--json prints the same view as JSON", async () => {
    const run = await runMain(["show", file, "--json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(parse((await runMain(["show", file])).stdout));
  });

  it("fails with exit 2 and one clear line on invalid input", async () => {
    const bad = join(dir, "bad.flopack");
    writeFileSync(bad, '{"type":"flopack",');
    const run = await runMain(["show", bad]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^flocode: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+: .*invalid JSON.*\\n$`));
    const missing = await runMain(["show", join(dir, "missing.flopack")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.split("\n")).toHaveLength(2);
  });
});

describe("flocode show on a flow source (.flow.ts)", () => {
  const source = join(import.meta.dirname, "../review/fixtures/review-sample.flow.ts");
  it("compiles it and shows the same view as its flopack would", async () => {
    const run = runCli(["show", source, "--run"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const view = parse(run.stdout) as any;
    expect(view.flows[0]).toMatchObject({
      name: "Review Sample",
      trigger: { type: "schedule", schedule: "every week on Monday at 06:30", cron: "30 6 * * 1", "time zone": "UTC" },
      steps: [
        {
          card: "Custom API Action (office365admin customAPIAction)",
          connection: "Office 365 Admin",
          options: { requestType: "GET" },
          constants: { "Relative URL": "/Me" },
        },
      ],
    });
  });

  it("fails with exit 2 on a source that does not compile", async () => {
    const broken = join(dir, "broken.flow.ts");
    writeFileSync(broken, "export default 42;\n");
    const run = runCli(["show", broken, "--run"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^flocode: .*broken\.flow\.ts.*\n$/);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { fixture } from "../review/fixture.js";
import { runCli, runMain } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "flocode-graph-"));
const file = join(dir, "fixture.flopack");
writeFileSync(file, JSON.stringify(fixture()));

describe("flocode graph", () => {
  it("prints Mermaid by default", async () => {
    const run = await runMain(["graph", file]);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith("flowchart TD\n")).toBe(true);
    expect(run.stdout).toContain('f0_n3{"If/Else<br/>control if"}');
    expect(run.stdout).toContain('-->|"then"|');
  });

  it("prints DOT and SVG; the SVG is well-formed XML", async () => {
    const dot = await runMain(["graph", file, "--format", "dot"]);
    expect(dot.stdout.startsWith("digraph flocode {")).toBe(true);
    const svg = await runMain(["graph", file, "--format", "svg"]);
    expect(svg.status).toBe(0);
    expect(XMLValidator.validate(svg.stdout)).toBe(true);
    expect(svg.stdout).toContain("Read User");
  });

  it("--flow picks one flow; an unknown name is an error (exit 2)", async () => {
    const one = await runMain(["graph", file, "--flow", "Suspend helper"]);
    expect(one.stdout).toContain('subgraph f0["Suspend helper"]');
    expect(one.stdout).not.toContain("Nightly report");
    const bad = await runMain(["graph", file, "--flow", "Nope"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no flow named "Nope"');
    expect((await runMain(["graph", file, "--format", "png"])).status).toBe(2);
  });
});

describe("docs/keepalive.svg", () => {
  const root = join(import.meta.dirname, "../..");
  it("is what `flocode graph flows/m365-keepalive.flow.ts --run --format svg` draws today", () => {
    const run = runCli(["graph", "flows/m365-keepalive.flow.ts", "--run", "--format", "svg"]);
    expect(run.status, run.stderr).toBe(0);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const committed = readFileSync(join(root, "docs/keepalive.svg"), "utf8");
    expect(run.stdout, "stale: run `flocode graph flows/m365-keepalive.flow.ts --run --format svg > docs/keepalive.svg`").toBe(committed);
  });
});

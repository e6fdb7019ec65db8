import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { escapeTerminalControls } from "../../src/util/terminal-text.js";
import { REPO, runCli, runMain } from "../support/cli.js";

/**
 * No command prints a character a terminal would act on: C0 controls (ESC, CR, BEL...), DEL, C1 controls
 * (U+009B is a one-byte CSI), bidi overrides. They come out as `\uXXXX` escapes, which JSON and YAML
 * double-quoted scalars read back as the same characters.
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-terminal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const NAME = "Evil\u009b31m\u202eright\u001b[2J\r\u0007\u007f x";
const DESCRIPTION = "d\u2066e\u0085f\u200f";
const minimal = join(REPO, "test/fixtures/minimal.flopack");
const hostile = (() => {
  const pack = JSON.parse(readFileSync(minimal, "utf8"));
  for (const flo of Object.values(pack.data.flos as Record<string, { name: string; description: string }>)) {
    flo.name = NAME;
    flo.description = DESCRIPTION;
  }
  const file = join(dir, "controls.flopack");
  writeFileSync(file, JSON.stringify(pack));
  return file;
})();

describe("terminal control characters", () => {
  it("escapeTerminalControls writes each as \\uXXXX and leaves tab, newline and other text alone", () => {
    expect(escapeTerminalControls("a\tb\nc")).toBe("a\tb\nc");
    expect(escapeTerminalControls("x\u009by\u202ez\u001b")).toBe("x\\u009By\\u202Ez\\u001B");
    expect(escapeTerminalControls("ключ 🔑 é")).toBe("ключ 🔑 é");
  });

  const commands = [
    ["show", hostile],
    ["show", hostile, "--json"],
    ["diff", minimal, hostile],
    ["diff", minimal, hostile, "--json"],
    ["diff", minimal, hostile, "--format", "markdown"],
    ["graph", hostile],
    ["graph", hostile, "--format", "dot"],
    ["graph", hostile, "--json"],
    ["checklist", hostile],
    ["checklist", hostile, "--json"],
    ["validate", hostile],
    ["validate", hostile, "--json"],
    ["import", hostile, "--out", join(dir, "imported")],
    ["import", hostile, "--out", join(dir, "imported-json"), "--json"],
    ["validate", join(dir, "missing\u009b\u202e.flopack")],
  ];
  for (const argv of commands) {
    it(`flocode ${argv.map((a) => a.replace(dir, "…")).join(" ")} prints none raw`, async () => {
      const r = await runMain(argv);
      expect(r.status).not.toBe("threw");
      expect(RAW.exec(r.stdout)?.[0], "stdout").toBeUndefined();
      expect(RAW.exec(r.stderr)?.[0], "stderr").toBeUndefined();
    });
  }

  it("show's YAML and JSON still read back as the exact names", async () => {
    const yaml = parse((await runMain(["show", hostile])).stdout) as { flows: Array<{ name: string; description: string }> };
    expect(yaml.flows[0]).toMatchObject({ name: NAME, description: DESCRIPTION });
    const json = JSON.parse((await runMain(["show", hostile, "--json"])).stdout) as { flows: Array<{ name: string }> };
    expect(json.flows[0]!.name).toBe(NAME);
  });

  it("the CLI process does the same (errors included)", () => {
    const r = runCli(["show", hostile]);
    expect(r.status).toBe(0);
    expect(RAW.test(r.stdout + r.stderr)).toBe(false);
    const bad = runCli(["show", join(dir, "no\u001b[31m.flopack")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("no\\u001B[31m.flopack");
  });
});

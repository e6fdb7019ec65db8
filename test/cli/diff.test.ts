import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { edited, fixture, IDS, method } from "../review/fixture.js";
import { runCli, runMain } from "../support/cli.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { scramble } from "../support/scramble.js";

const dir = mkdtempSync(join(tmpdir(), "flocode-diff-"));
const write = (name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};
const a = write("a.flopack", fixture());
const same = write("same.flopack", scramble(fixture(), 77));
const changed = write(
  "b.flopack",
  edited((d) => {
    method(d, IDS.main, "okta00001").node.model.inputs.data.i_user0001.value.data = "ops@example.com";
    d.data.flos[IDS.helper].name = "Suspend user `helper` <b>";
  }),
);

describe("flocode diff", () => {
  it("exits 0 and prints nothing when only ids and storage order differ", async () => {
    expect(await runMain(["diff", a, same])).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("exits 1 and prints one line a change", async () => {
    const run = await runMain(["diff", a, changed]);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")).toEqual([
      `--- ${a}`,
      `+++ ${changed}`,
      '~ flow "Nightly report": card "Read User (okta readUser)": constant "ID or Login" "admin@example.com" → "ops@example.com"',
      '~ flow "Suspend helper" renamed to "Suspend user `helper` <b>"',
      "",
    ]);
  });

  it("--json gives {equal, changes}", async () => {
    const run = await runMain(["diff", a, changed, "--json"]);
    const result = JSON.parse(run.stdout);
    expect(run.status).toBe(1);
    expect(result.equal).toBe(false);
    expect(result.changes[0]).toMatchObject({
      subject: "card",
      kind: "constant",
      field: "ID or Login",
      old: "admin@example.com",
      new: "ops@example.com",
    });
  });

  it("--format markdown is a PR comment whose code spans cannot be broken by names", async () => {
    const run = await runMain(["diff", a, changed, "--format", "markdown"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("**2 changes** in 2 flows.");
    expect(run.stdout).toContain("#### Flow `Nightly report`");
    expect(run.stdout).toContain('- ✏️ ``renamed to "Suspend user `helper` <b>"``'.replace("renamed", 'flow "Suspend helper" renamed'));
    const eq = await runMain(["diff", a, same, "--format", "markdown"]);
    expect(eq.status).toBe(0);
    expect(eq.stdout).toContain("No semantic differences.");
  });

  it("exits 2 on unreadable or invalid input", async () => {
    const bad = write("bad.flopack", { type: "flopack" });
    const run = await runMain(["diff", a, bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^flocode: .*bad\.flopack: .*\n$/);
    expect((await runMain(["diff", a, join(dir, "nope.flopack")])).status).toBe(2);
    expect((await runMain(["diff", a])).status).toBe(2);
  });
});

describe("flocode diff sees what Okta puts in a start card's context", () => {
  const keepalive = "dist/m365-keepalive.flow";
  type Obj = Record<string, any>;
  /** A copy of the keepalive flow with its start card's `execution_time` context output edited. */
  const withCurrentTime = (name: string, edit: (outputs: Obj, id: string) => void): string => {
    const doc = JSON.parse(readFileSync(keepalive, "utf8")) as Obj;
    const outputs = (Object.values(doc.data.flos)[0] as Obj).data.methods[0].node.model.outputs.data as Obj;
    const id = Object.keys(outputs).find((k) => outputs[k].group === "context" && outputs[k].key === "execution_time")!;
    edit(outputs, id);
    return write(name, doc);
  };
  const card = 'flow "M365 Keepalive": card "Scheduled Flow (control callable)"';

  it.each([
    [
      "its type changed",
      (o: Obj, id: string) => (o[id].value.type = "Date"),
      'output "context execution_time" (none) → "Date (Okta gives string)"',
    ],
    [
      "its key changed",
      (o: Obj, id: string) => (o[id].key = "run_time"),
      'output "context execution_time" (none) → "missing (Okta gives string)"',
    ],
    ["it removed", (o: Obj, id: string) => delete o[id], 'output "context execution_time" (none) → "missing (Okta gives string)"'],
  ])("exits 1 naming the card and the field, and show changes, with %s", async (what, edit, message) => {
    const copy = withCurrentTime(`keepalive-${what.replaceAll(" ", "-")}.flow`, edit);
    const run = await runMain(["diff", keepalive, copy]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`~ ${card}: ${message}`);
    expect((await runMain(["show", copy])).stdout).not.toBe((await runMain(["show", keepalive])).stdout);
  });

  it("shows nothing of a start card's usual context", async () => {
    expect((await runMain(["show", keepalive])).stdout).not.toContain("context");
  });
});

describe("flocode diff with flow sources", () => {
  const source = join(import.meta.dirname, "../review/fixtures/review-sample.flow.ts");
  const changedSource = join(import.meta.dirname, "../review/fixtures/review-sample-changed.flow.ts");

  it("a source and a scrambled copy of what it builds are equal; any mix works", async () => {
    const built = runCli(["build", source, "--out", dir]);
    expect(built.status, built.stderr).toBe(0);
    const copy = write("built.flopack", scramble(JSON.parse(readFileSync(join(dir, "review-sample.flow"), "utf8")), 3));
    expect(runCli(["diff", source, copy, "--run"])).toEqual({ status: 0, signal: null, stdout: "", stderr: "" });
    expect(runCli(["diff", copy, source, "--run"]).status).toBe(0);
  });

  it("names the changed constant between two sources", async () => {
    const run = runCli(["diff", source, changedSource, "--run"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'card "Custom API Action (office365admin customAPIAction)": constant "Relative URL" "/Me" → "/Organization"',
    );
  });
});

const c = corpus();
describe.skipIf(!c)("flocode diff over the corpus (acceptance)", () => {
  it("each real export against a copy with every id regenerated and storage order shuffled: exit 0, no output", async () => {
    for (const [i, file] of c!.files.entries()) {
      const copy = write(`scrambled-${i}.flopack`, scramble(readCorpusJson(file), i + 1));
      const run = await runMain(["diff", file, copy]);
      expect(run, file).toEqual({ status: 0, stdout: "", stderr: "" });
      const shown = await runMain(["show", copy]);
      expect(shown.stdout, file).toBe((await runMain(["show", file])).stdout);
    }
  });
});

/**
 * What real exports have and the first imports lost (issue 12), each from a flow the project writes itself
 * (test/fixtures/exports/), built, imported and built again to the same export:
 * - a call to a flow kept elsewhere (`externalFlow`): its stub `{ id, name, description, data: null }`;
 * - two connections of different connectors under one display name, and `data.projectOverview`;
 * - an event card its author renamed, commented and gave a field of its own, kept in the `event(...)` form;
 * - one export holding the same flow twice.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

type Obj = Record<string, any>;
const work = mkdtempSync(join(tmpdir(), "flocode-features-"));
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
const fixture = (name: string) => join(REPO, "test/fixtures/exports", name);
const readJson = (path: string): Obj => JSON.parse(readFileSync(path, "utf8")) as Obj;
const flows = (doc: Obj): Obj[] => Object.values(doc.data.flos);

/** Builds a target into a folder of its own; returns the one file written. */
function build(target: string, out: string, file: string): Obj {
  const r = runCli(["build", target, "--out", out, "--no-checklist"]);
  expect(r.status, r.stderr).toBe(0);
  return readJson(join(out, file));
}

/** Imports an export, builds the pack folder, and checks the result is the same export; returns the folder. */
function roundTrip(exportFile: string, name: string): string {
  const dir = join(work, "imported", name);
  const r = runCli(["import", exportFile, "--out", dir]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe(""); // nothing lost
  const again = build(dir, join(work, "again", name), `${name}.folder`);
  expect(firstDifference(normaliseFlopack(readJson(exportFile) as never), normaliseFlopack(again as never))).toBeUndefined();
  return dir;
}

describe("a flow kept elsewhere", () => {
  const out = join(work, "external");
  const built = build(fixture("external-helper.flow.ts"), out, "external-helper.flow");

  it("build writes its stub, and the call names the stub's id", () => {
    const stub = flows(built).find((f) => f.data === null)!;
    expect(stub).toEqual({ id: stub.id, name: "Send Slack Message", description: "Posts to #it-alerts", data: null });
    const caller = flows(built).find((f) => f.data !== null)!;
    const spawn = caller.data.methods.find((m: Obj) => m.address.endsWith(":spawn"));
    expect(Object.values<Obj>(spawn.node.model.inputs.data).find((e) => e.key === "flo")!.value.data).toBe(stub.id);
  });

  it("validate accepts the file with a warning saying what to import first", () => {
    const r = runCli(["validate", join(out, "external-helper.flow")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('FP214 flow-stub flow "Send Slack Message" is not in this export, only its stub');
    expect(r.stdout).toContain('import "Send Slack Message" into the org first (warning)');
  });

  it("import writes externalFlow(...) and lists it in the pack; build gives the same stub back", () => {
    const dir = roundTrip(join(out, "external-helper.flow"), "external-helper");
    expect(readFileSync(join(dir, "resources.ts"), "utf8")).toContain(
      'export const sendSlackMessage = externalFlow("Send Slack Message", { description: "Posts to #it-alerts" });',
    );
    expect(readFileSync(join(dir, "offboard-contractor.flow.ts"), "utf8")).toContain("kernel.control.spawn({ flo: sendSlackMessage })");
    expect(readFileSync(join(dir, "pack.ts"), "utf8")).toContain("externalFlows: [sendSlackMessage]");
  });

  it("is an error when the flow is in the pack, or is given two descriptions", () => {
    const dir = join(work, "bad-external");
    mkdirSync(dir, { recursive: true });
    const source = (body: string) =>
      `import { externalFlow, flow, helperFlow, manual } from "flocode";\nimport { kernel } from "flocode/cards";\n${body}\n`;
    writeFileSync(
      join(dir, "in-pack.flow.ts"),
      source(`const helper = flow({ name: "Helper", trigger: helperFlow() });
export default flow({ name: "Main", trigger: manual() }, (f) => {
  f.add(kernel.control.spawn({ flo: helper }));
  f.add(kernel.control.spawn({ flo: externalFlow("Helper") }));
});`),
    );
    writeFileSync(
      join(dir, "two-descriptions.flow.ts"),
      source(`export default flow({ name: "Main", trigger: manual() }, (f) => {
  f.add(kernel.control.spawn({ flo: externalFlow("Notify", { description: "a" }) }));
  f.add(kernel.control.spawn({ flo: externalFlow("Notify", { description: "b" }) }));
});`),
    );
    const inPack = runCli(["build", join(dir, "in-pack.flow.ts"), "--out", join(dir, "dist")]);
    expect(inPack.status).toBe(1);
    expect(inPack.stderr).toMatch(
      /in-pack\.flow\.ts:6:\d+: flow "Helper" is in this pack: call it directly, not as externalFlow\("Helper"\)/,
    );
    const twice = runCli(["build", join(dir, "two-descriptions.flow.ts"), "--out", join(dir, "dist")]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/two-descriptions\.flow\.ts:5:\d+: externalFlow\("Notify"\) is given two descriptions \("a", "b"\)/);
  });
});

describe("one display name, two connectors; data.projectOverview", () => {
  const out = join(work, "connections");
  const built = build(fixture("same-name-connections"), out, "same-name-connections.folder");

  it("build writes two connections of one name, each card pointing at its own", () => {
    const configs = Object.values<Obj>(built.data.configs);
    expect(configs.map((c) => [c.name, c.module]).sort()).toEqual([
      ["ms2.oktapreview", "httpfunctions"],
      ["ms2.oktapreview", "okta"],
    ]);
    const byId = new Map(configs.map((c) => [c.id, c.module]));
    for (const m of flows(built)[0]!.data.methods as Obj[])
      if (typeof m.node.model.config === "string") expect(byId.get(m.node.model.config)).toBe(m.address.split(":")[3]);
    expect(built.data.projectOverview).toEqual({});
  });

  it("import and build give both back, and projectOverview", () => {
    const dir = roundTrip(join(out, "same-name-connections.folder"), "same-name-connections");
    const resources = readFileSync(join(dir, "resources.ts"), "utf8");
    expect(resources).toContain('connection("ms2.oktapreview", "okta")');
    expect(resources).toContain('connection("ms2.oktapreview", "httpfunctions")');
    expect(readFileSync(join(dir, "pack.ts"), "utf8")).toContain("raw: { projectOverview: {} }");
  });
});

describe("an event card its author changed", () => {
  const out = join(work, "event");
  const built = build(fixture("renamed-event.flow.ts"), out, "renamed-event.flow");
  const NAME = "New hire from HR";
  const COMMENT = "Starts when HR creates a user in Okta (user.lifecycle.create).";

  it("build writes its name, comment and field, and repeats name and comment on the body's start card, as Okta does", () => {
    const [event, wrapper] = flows(built)[0]!.data.methods as Obj[];
    expect([event!.node.data.name, event!.node.model.comments]).toEqual([NAME, COMMENT]);
    expect(Object.values<Obj>(event!.node.model.outputs.data).map((e) => e.key)).toContain("Cost Center");
    const body = Object.values<Obj>(wrapper!.node.model.inputs.data).find((e) => e.key === "flo")!.value.data;
    expect([body.methods[0].node.data.name, body.methods[0].node.model.comments]).toEqual([NAME, COMMENT]);
  });

  it("import writes it in the event(...) form with everything changed, and build gives the same flow back", () => {
    const dir = roundTrip(join(out, "renamed-event.flow"), "renamed-event");
    const text = readFileSync(join(dir, "welcome-hire.flow.ts"), "utf8");
    expect(text).toContain("trigger: event(okta.userCreated({");
    expect(text).toContain(`name: ${JSON.stringify(NAME)}`);
    expect(text).toContain(`comments: ${JSON.stringify(COMMENT)}`);
    expect(text).toContain('{ key: "Cost Center", type: "string" }');
    expect(text).not.toContain("root:"); // no start card spelled out: event() makes it
  });
});

describe("one export holding the same flow twice", () => {
  it("imports both copies and builds them back, the copy keeping the original's card ids", () => {
    const base = build(fixture("external-helper.flow.ts"), join(work, "twice-src"), "external-helper.flow");
    const [id, original] = Object.entries<Obj>(base.data.flos).find(([, f]) => f.data !== null)!;
    const copyId = "0c0c0c0c-1d1d-4e2e-8f3f-4a4a4a4a4a4a";
    base.data.flos[copyId] = JSON.parse(JSON.stringify(original).split(id).join(copyId));
    const file = join(work, "twice.folder");
    writeFileSync(file, JSON.stringify(base));
    expect(runCli(["validate", "--quiet", file]).status).toBe(0);
    roundTrip(file, "twice");
    const rebuilt = readJson(join(work, "again", "twice", "twice.folder"));
    const copies = flows(rebuilt).filter((f) => f.name === "Offboard Contractor");
    expect(copies).toHaveLength(2);
    expect(copies[0]!.id).not.toBe(copies[1]!.id);
    expect(copies[0]!.data.methods.map((m: Obj) => m.uuid)).toEqual(copies[1]!.data.methods.map((m: Obj) => m.uuid));
  });
});

/**
 * Issue 11: an event flow on an event no export shows a flow of (`okta.userActivated`, test/fixtures/events/),
 * written as a user would, builds (into a temporary folder), validates with no finding, starts its body with the
 * card derived from its event card, runs in the simulator, and imports back to the same `event(...)` code, which
 * builds to the same export without teaching the project catalog anything.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { simulate } from "../../src/testing/index.js";
import { eventStartTemplate } from "../../src/shapes/event-start.js";
import type { JsonObject } from "../../src/util/json.js";
import { comparable, eventAndStart } from "../support/event-flows.js";
import { REPO, runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";
import userActivated from "../fixtures/events/user-activated.flow.js";

type Obj = Record<string, any>;
const SOURCE = join(REPO, "test/fixtures/events/user-activated.flow.ts");
const work = mkdtempSync(join(tmpdir(), "flocode-event-start-"));
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const readJson = (path: string): Obj => JSON.parse(readFileSync(path, "utf8")) as Obj;

describe("a flow on okta.userActivated (no export shows one)", () => {
  const out = join(work, "built");
  const build = runCli(["build", SOURCE, "--out", out, "--no-checklist"]);
  const file = join(out, "user-activated.flow");

  it("builds, and validates with 0 errors and 0 warnings", () => {
    expect(build.status, build.stderr).toBe(0);
    const validate = runCli(["validate", file]);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout + validate.stderr).toContain("all valid (0 errors, 0 warnings)");
  });

  it("starts its body with the card derived from the event card, named after it, holding its fields", () => {
    const { event, start } = eventAndStart(readJson(file));
    expect(event.address).toBe("root:channels:http:okta:1.0.577:userActivated");
    expect(comparable(start)).toEqual(comparable(eventStartTemplate(event as JsonObject)!));
    expect([start.node.data.name, start.node.model.metadata.name]).toEqual(["User Activated", "User Activated"]);
    const outputs = Object.values(start.node.model.outputs.data) as Obj[];
    expect(outputs.map((o) => o.key)).toEqual(expect.arrayContaining(["execution_id", "Okta User", "Event Time", "Message"]));
  });

  it("runs in the simulator, from its source and from the built export, the event's fields reaching the body", async () => {
    const input = {
      "Okta User": { ID: "00u1", "Alternate ID": "Jane@Example.com" },
      "Event Time": "2025-01-01T00:00:00Z",
      Message: "Activate",
    };
    for (const source of [userActivated, file]) {
      const run = await simulate(source, { input });
      expect(run.error).toBeUndefined();
      expect([run.trigger, run.status]).toEqual(["event", "completed"]);
      expect(Object.values(run.trace.at(-1)!.outputs)).toContain("jane@example.com activated at 2025-01-01t00:00:00z (activate)");
    }
  });

  it("imports back to event(okta.userActivated(...)) with no root, learns nothing, and builds to the same export", () => {
    const dir = join(work, "imported");
    const imported = runCli(["import", file, "--out", dir]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toBe("");
    expect(existsSync(join(dir, "flocode.catalog.json"))).toBe(false);
    const flowFile = readdirSync(dir).find((f) => f.endsWith(".flow.ts"))!;
    const text = readFileSync(join(dir, flowFile), "utf8");
    expect(text).toContain("trigger: event(okta.userActivated({ connection: oktaConnection }))");
    expect(text).not.toContain("root:");
    const again = runCli(["build", dir, "--out", join(work, "again"), "--no-checklist"]);
    expect(again.status, again.stderr).toBe(0);
    const rebuilt = readJson(join(work, "again", "imported.folder"));
    expect(firstDifference(normaliseFlopack(readJson(file) as never), normaliseFlopack(rebuilt as never))).toBeUndefined();
  });
});

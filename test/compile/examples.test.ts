import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";

/**
 * The example flows, read back from dist/ (kept current by the `build --check` test), wire what their sources
 * mean: which output feeds which input, what each trigger and branch is.
 */
function load(file: string): any {
  return JSON.parse(readFileSync(join(REPO, "dist", file), "utf8"));
}
const flows = (doc: any) => Object.values<any>(doc.data.flos);
const flowNamed = (doc: any, name: string) => flows(doc).find((f) => f.name === name);
const named = (scope: any, name: string) => scope.methods.find((m: any) => m.node.data.name === name);
const entry = (card: any, side: "inputs" | "outputs", id: string) => card.node.model[side].data[id];
const entryByKey = (card: any, side: "inputs" | "outputs", key: string) =>
  Object.values<any>(card.node.model[side].data).find((e) => e.key === key);

/** Wires as readable triples: [source card.output, target card.input, conversion]. */
function wires(scope: any): string[] {
  const byId = new Map(scope.methods.map((m: any) => [m.uuid, m]));
  const out: string[] = [];
  for (const m of scope.methods) {
    for (const [outputId, targets] of Object.entries<any>(m.pins)) {
      for (const [targetId, list] of Object.entries<any>(targets)) {
        const target: any = byId.get(targetId);
        for (const pin of list) {
          const conv = pin.transform ? ` (${Object.values<any>(pin.transform)[0].convert})` : "";
          out.push(
            `${m.node.data.name}.${entry(m, "outputs", outputId).key} -> ${target.node.data.name}.${entry(target, "inputs", pin.input).key}${conv}`,
          );
        }
      }
    }
  }
  return out.sort();
}

describe("example flows", () => {
  it("API endpoint with If/Else: login → Read User → suspend unless already suspended", () => {
    const doc = load("api-suspend-user.flow");
    const fd = flows(doc)[0].data;
    expect(fd.security_level).toBe("medium");
    const endpoint = named(fd, "API Endpoint");
    expect(entryByKey(endpoint, "outputs", "login").group).toBe("body");
    expect(wires(fd)).toEqual([
      "API Endpoint.login -> Compose.value1",
      "API Endpoint.login -> Read User.ID or Login",
      "Compose.output -> Return Raw.body",
      "Join.result -> Compose.value2",
      "Outcome.result -> Join.result",
      "Outcome.result -> Join.result",
      "Read User.ID -> Suspend User.id",
      "Read User.Status -> If/Else.left-operand",
    ]);
    const ifCard = fd.methods.find((m: any) => m.address.endsWith(":control:0.0.1:if"));
    const heads = Object.entries<boolean>(ifCard.branches);
    expect(heads.map(([, v]) => v).sort()).toEqual([false, true]);
    const falseHead = heads.find(([, v]) => !v)![0];
    const suspend = named(fd, "Suspend User");
    expect(Object.values<any>(fd.orderings)).toContainEqual([falseHead, suspend.uuid]);
    const join = fd.methods.find((m: any) => m.address.endsWith(":control:0.0.1:join"));
    expect(Object.values<any>(fd.orderings)).toContainEqual([suspend.uuid, join.uuid]);
    expect(entryByKey(ifCard, "inputs", "right-operand").value.data).toBe("SUSPENDED");
  });

  it("Okta event flow: stored as event card → For Each - Ignore Errors with the body inline", () => {
    const doc = load("welcome-new-user.flow");
    const fd = flows(doc)[0].data;
    expect(fd.methods.map((m: any) => m.node.data.name)).toEqual(["User Created", "For Each - Ignore Errors"]);
    expect(wires(fd)).toEqual(["User Created.collection -> For Each - Ignore Errors.list"]);
    const wrapper = named(fd, "For Each - Ignore Errors");
    const inline = entryByKey(wrapper, "inputs", "flo").value.data;
    expect(inline.methods[0].node.data.name).toBe("User Created");
    expect(inline.methods[0].address).toBe("root:kernel:control:0.0.1:callable");
    expect(wires(inline)).toEqual([
      "Compose.output -> Send Message to Channel.Text",
      "Get ID.output -> Read User.ID or Login",
      "Read User.login -> Compose.value1",
      "User Created.Event ID -> Compose.value3",
      "User Created.Message -> Compose.value2",
      "User Created.Okta User -> Get ID.object",
    ]);
    // field(f.trigger.$out("Okta User"), "ID") reads the sub-field through an Object Get card.
    expect(entryByKey(named(inline, "Get ID"), "inputs", "path").value.data).toBe("ID");
    const text = entryByKey(named(inline, "Compose"), "inputs", "_text_").value.data;
    expect(text).toBe("New Okta user: {{{value1}}} ({{{value2}}}, event {{{value3}}})");
  });

  it("a pack with For Each over a helper flow: the For Each calls the helper by its flow id", () => {
    const doc = load("group-audit.folder");
    const main = flowNamed(doc, "Audit User Groups");
    const helper = flowNamed(doc, "Log One Group");
    expect(main.data.cron).toMatchObject({ hours: "6", minutes: "0", dayOfTheWeek: "1", timeZone: "Europe/Paris" });
    expect(main.data.log).toBe(false);
    const each = named(main.data, "For Each");
    expect(entryByKey(each, "inputs", "flo").value.data).toBe(helper.id);
    expect(wires(main.data)).toEqual(["Get Users Groups.Groups -> For Each.list"]);
    const start = named(helper.data, "Helper Flow");
    expect(entryByKey(start, "outputs", "group").value.type).toBe("object");
    expect(wires(helper.data)).toEqual(["Helper Flow.group -> Stringify.object"]);
    const folders = Object.values<any>(doc.data.groups);
    expect(folders.map((g) => g.data.name)).toEqual(["Group Audit"]);
    expect(main.data.group).toBe(folders[0].id);
    expect(helper.data.group).toBe(folders[0].id);
  });
});

describe("If Error (f.ifError)", () => {
  it("wraps the attempt and the handler as inline flows and passes outer values through a wormhole pair", () => {
    const out = mkdtempSync(join(tmpdir(), "flocode-iferror-"));
    const r = runCli(["build", "test/fixtures/good-flows/if-error.flow.ts", "--out", out, "--no-checklist"]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, "if-error.flow"), "utf8"));
    const fd = flows(doc)[0].data;
    const tryCatch = fd.methods.find((m: any) => m.address.endsWith(":control:0.0.1:tryCatch"));
    const attempt = entryByKey(tryCatch, "inputs", "flo").value.data;
    const handler = tryCatch.node.model.policy.error;
    expect(handler).toMatchObject({ type: "handler", merge: "join" });
    expect(attempt.methods.map((m: any) => m.node.data.name)).toEqual(["Helper Flow", "Suspend User", "Return"]);
    expect(handler.flo.methods.map((m: any) => m.node.data.name)).toEqual(["Helper Flow", "Stringify", "Return"]);
    // The wormhole: an entrance on the If Error card wired from Read User.ID, an exit on the attempt's start card
    // with the same key, wired to Suspend User.id; each side names the other card.
    const entrance = Object.values<any>(tryCatch.node.model.inputs.data).find((e) => e.metadata.wormholeMethodId);
    const start = attempt.methods[0];
    expect(entrance.metadata.wormholeMethodId).toBe(start.uuid);
    const exit = Object.values<any>(start.node.model.outputs.data).find((e) => e.key === entrance.key);
    expect(exit.metadata.wormholeMethodId).toBe(tryCatch.uuid);
    expect(wires(fd)).toContain(`Read User.ID -> If Error.${entrance.key}`);
    expect(wires(attempt)).toEqual([`Helper Flow.${entrance.key} -> Suspend User.id`]);
    expect(wires(handler.flo)).toEqual(["Helper Flow.error -> Stringify.object"]);
    expect(runCli(["validate", join(out, "if-error.flow")]).status).toBe(0);
  });
});

describe("Tables cards", () => {
  it("get one field per column of the pack's table, wired or set by column name", () => {
    const out = mkdtempSync(join(tmpdir(), "flocode-tables-"));
    const r = runCli(["build", "test/fixtures/good-flows/tables.flow.ts", "--out", out, "--no-checklist"]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, "tables.flow"), "utf8"));
    const [tableId, tableDoc] = Object.entries<any>(doc.data.tables)[0]!;
    expect(tableDoc.data.structure).toEqual([
      { name: "Login", type: "str", default: null },
      { name: "Last Login", type: "dte", default: null },
      { name: "Active", type: "bln", default: "false" },
    ]);
    const fd = flows(doc)[0].data;
    const createRow = named(fd, "Create Row");
    expect(entryByKey(createRow, "inputs", "stash").value.data).toBe(tableId);
    const fields = Object.values<any>(createRow.node.model.inputs.data).filter((e) => e.group === "Fields");
    expect(fields.map((e) => [e.key, e.value.type])).toEqual([
      ["Login", "string"],
      ["Last Login", "Date"],
      ["Active", "boolean"],
    ]);
    expect(entryByKey(createRow, "inputs", "Active").value.data).toBe(true);
    expect(wires(fd)).toEqual(["Read User.Last Login -> Create Row.Last Login (dateTime)", "Read User.login -> Create Row.Login"]);
    expect(tableDoc.data.group_id).toBe(fd.group);
    expect(runCli(["validate", "--quiet", join(out, "tables.flow")]).status).toBe(0);
  });
});

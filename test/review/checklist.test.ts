import { describe, expect, it } from "vitest";
import type { Flopack } from "../../src/format/envelope.js";
import { checklist, checklistJson, formatChecklist } from "../../src/review/checklist.js";
import { scramble } from "../support/scramble.js";
import { edited, fixture, IDS, method } from "./fixture.js";

const items = (doc: unknown) => checklist(doc as Flopack);

describe("import checklist", () => {
  it("lists connections with the cards that use them, the folder step, tables, then flows to turn on (scheduled last)", () => {
    const list = items(fixture());
    expect(list.map((i) => i.kind)).toEqual(["connection", "folder-connection", "table", "turn-on-scheduled", "helper-flows"]);
    const [conn, folder, table, sched, helpers] = list;
    expect(conn).toMatchObject({
      connector: "okta",
      connection: "Okta",
      cards: ["Nightly report › Read User", "Suspend helper › Suspend User"],
      flows: ["Nightly report", "Suspend helper"],
    });
    expect(folder!.text).toContain('to the folder "Reports"');
    expect(table).toMatchObject({ table: "Report", flows: ["Nightly report"] });
    expect(table!.text).toContain("rows are not exported");
    expect(sched!.text).toBe('Turn on scheduled flow "Nightly report" last (every day at 09:00, America/Los_Angeles)');
    expect(helpers!.text).toBe('Helper flows need not be turned on: "Suspend helper"');
  });

  it("asks to choose a connection for connector cards exported without one", () => {
    const list = items(edited((d) => (method(d, IDS.main, "okta00001").node.model.config = null)));
    const choose = list.find((i) => i.kind === "choose-connection");
    expect(choose).toMatchObject({ connector: "okta", cards: ["Nightly report › Read User"] });
  });

  it("says that API endpoint flows get a new invoke URL and client token, and turns them on before scheduled flows", () => {
    const doc = edited((d) => {
      const f = d.data.flos[IDS.helper].data;
      const root = f.methods.find((m: any) => m.uuid === "hroot0001");
      root.address = "root:kernel:http:0.0.1:accept";
      root.node.data.name = root.node.model.metadata.name = "API Endpoint";
      f.security_level = "medium";
    });
    const list = items(doc);
    const api = list.find((i) => i.kind === "api-endpoint");
    expect(api!.text).toBe('API endpoint flow "Suspend helper" gets a new invoke URL and a new client token: update its callers');
    const kinds = list.map((i) => i.kind);
    expect(kinds.indexOf("turn-on")).toBeLessThan(kinds.indexOf("turn-on-scheduled"));
    expect(list.find((i) => i.kind === "turn-on")!.flows).toEqual(["Suspend helper"]);
  });

  it("is the same for a scrambled copy, and prints as numbered text and as JSON", () => {
    expect(items(scramble(fixture(), 9))).toEqual(items(fixture()));
    const text = formatChecklist(items(fixture()));
    expect(text.split("\n")[0]).toBe("After importing into Okta Workflows:");
    expect(text).toContain(' 1. [ ] Create or authorize the okta connection "Okta"');
    expect(text).toContain("       - used by Nightly report › Read User");
    expect(JSON.parse(checklistJson(items(fixture()))).items).toHaveLength(5);
  });

  it("keeps hostile names on one line", () => {
    const text = formatChecklist(items(edited((d) => (d.data.configs[IDS.config].name = "Okta\n 2. [x] fake step"))));
    expect(text).not.toContain("\n 2. [x]");
  });
});

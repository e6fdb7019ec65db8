import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { REPO, runCli } from "../support/cli.js";

type Card = any;

function build(env: NodeJS.ProcessEnv = {}): { text: string; doc: any } {
  const out = mkdtempSync(join(tmpdir(), "flocode-keepalive-"));
  const r = runCli(["build", "flows/m365-keepalive.flow.ts", "--out", out, "--no-checklist"], { env });
  expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  expect(r.status).toBe(0);
  expect(readdirSync(out)).toEqual(["m365-keepalive.flow"]);
  const text = readFileSync(join(out, "m365-keepalive.flow"), "utf8");
  return { text, doc: JSON.parse(text) };
}

/** Cards of a flow in execution order, walking orderings from the root (storage order is not execution order). */
function chain(flowData: any): Card[] {
  const byId = new Map<string, Card>(flowData.methods.map((m: Card) => [m.uuid, m]));
  const next = new Map<string, string>(Object.values<[string, string]>(flowData.orderings).map(([a, b]) => [a, b]));
  const targets = new Set(next.values());
  let id = flowData.methods.find((m: Card) => !targets.has(m.uuid)).uuid;
  const out: Card[] = [];
  while (id && out.length <= flowData.methods.length) {
    out.push(byId.get(id));
    id = next.get(id)!;
  }
  return out;
}

const inputs = (card: Card) => Object.values<any>(card.node.model.inputs.data);
const outputs = (card: Card) => Object.values<any>(card.node.model.outputs.data);
const entryShape = (e: any) => ({
  group: e.group,
  key: e.key,
  type: e.value.type,
  collection: e.value.collection,
  flags: e.flags ?? null,
  required: e.required ?? null,
});

describe("M365 Keepalive (the first user story, ../shared/seed)", () => {
  const { text, doc } = build();
  const flow = Object.values<any>(doc.data.flos)[0];
  const fd = flow.data;
  const [start, licenses, custom] = chain(fd);

  it("is one scheduled flow, weekly on Sunday and Wednesday at 02:00, saving all data", () => {
    expect(Object.keys(doc.data.flos)).toHaveLength(1);
    expect(flow.name).toBe("M365 Keepalive");
    expect(fd.scheduled).toBe(true);
    expect(fd.log).toBe(true);
    expect(fd.cron).toEqual({
      seconds: "00",
      minutes: "0",
      hours: "2",
      dayOfTheMonth: "*",
      month: "*",
      dayOfTheWeek: "0,3",
      startDate: "",
      endDate: "",
      recurrence: 0,
      timeZone: "America/Los_Angeles",
    });
    expect(doc.version).toBe("1.5.0");
    expect(doc).not.toHaveProperty("checksum");
  });

  it("chains Scheduled Flow → Get Licenses → Custom API Action", () => {
    expect(chain(fd).map((c) => c.node.data.name)).toEqual(["Scheduled Flow", "Get Licenses", "Custom API Action"]);
    expect(start.address).toBe("root:kernel:control:0.0.1:callable");
    expect(licenses.address).toMatch(/^root:channels:http:office365admin:[^:]+:getLicenses$/);
    expect(custom.address).toMatch(/^root:channels:http:office365admin:[^:]+:customAPIAction$/);
    expect(fd.methods).toHaveLength(3);
  });

  it("calls GET /Me with no Body input and has the Body output", () => {
    const byKey = Object.fromEntries(inputs(custom).map((e: any) => [e.key, e]));
    expect(byKey.requestType.value.data).toBe("GET");
    expect(byKey.requestType.flags).toBe("p");
    expect(byKey["Relative URL"].value.data).toBe("/Me");
    expect(byKey).not.toHaveProperty("Body");
    expect(outputs(custom).map((e: any) => e.key)).toContain("Body");
  });

  it("uses one office365admin connection, with no secret, on both cards", () => {
    const configs = Object.values<any>(doc.data.configs);
    expect(configs).toEqual([{ id: configs[0].id, name: "Office 365 Admin", module: "office365admin", data: null }]);
    expect(licenses.node.model.config).toBe(configs[0].id);
    expect(custom.node.model.config).toBe(configs[0].id);
    expect(start.node.model.config).toBeNull();
  });

  it("validates clean (no errors)", () => {
    const out = mkdtempSync(join(tmpdir(), "flocode-keepalive-v-"));
    const r = runCli(["build", "flows/m365-keepalive.flow.ts", "--out", out, "--no-checklist"]);
    expect(r.status).toBe(0);
    const v = runCli(["validate", join(out, "m365-keepalive.flow")]);
    expect(v.status).toBe(0);
  });

  it("matches dist/m365-keepalive.flow, the golden file checked by hand against the real cards", () => {
    // Protects the exact bytes: ids, key order, card bodies. Regenerate with `npx flocode build` only when a
    // change is meant to alter the output, and re-check it against the real cards (../shared/cards).
    expect(text).toBe(readFileSync(join(REPO, "dist/m365-keepalive.flow"), "utf8"));
  });

  const c = corpus();
  it.skipIf(!c)("each card has the key set and entries most real cards of its address have", () => {
    // Compared with the shape most real instances share, not the first found: one export's author gave the Custom
    // API Action's Body an object schema of their own ({ value: string }); every other instance says `object`.
    const real = findRealCards(c!.files);
    const shapeOf = (m: Card) =>
      JSON.stringify([Object.keys(m), Object.keys(m.node.model), inputs(m).map(entryShape), outputs(m).map(entryShape)]);
    const commonest = (cards: Card[]): Card | undefined => {
      const byShape = new Map<string, Card[]>();
      for (const m of cards) byShape.set(shapeOf(m), [...(byShape.get(shapeOf(m)) ?? []), m]);
      return [...byShape.values()].sort((a, b) => b.length - a.length)[0]?.[0];
    };
    const pairs: Array<[Card, Card | undefined]> = [
      [start, commonest(real.filter((m) => m.address === start.address && m.node.data.name === "Scheduled Flow"))],
      [licenses, commonest(real.filter((m) => m.address === licenses.address))],
      [
        custom,
        commonest(
          real.filter((m) => m.address === custom.address && inputs(m).some((e: any) => e.key === "requestType" && e.value.data === "GET")),
        ),
      ],
    ];
    // The real GET Custom API Action cards (2, in one export) carry their author's Body schema; the card's own Body
    // is a plain object (the third real instance, a PATCH of v1.0.152, and the card's contract say so).
    const ownBody = (e: ReturnType<typeof entryShape>) => (e.key === "Body" ? { ...e, type: "object" } : e);
    for (const [mine, theirs] of pairs) {
      expect(theirs, `a real ${mine.address} card`).toBeDefined();
      expect(Object.keys(mine)).toEqual(Object.keys(theirs));
      expect(Object.keys(mine.node.model)).toEqual(Object.keys(theirs.node.model));
      expect(inputs(mine).map(entryShape)).toEqual(inputs(theirs).map(entryShape));
      const theirOutputs = outputs(theirs).map(entryShape);
      expect(outputs(mine).map(entryShape)).toEqual(mine === custom ? theirOutputs.map(ownBody) : theirOutputs);
    }
    expect(
      outputs(custom)
        .map(entryShape)
        .find((e) => e.key === "Body")?.type,
    ).toBe("object");
  });
});

function findRealCards(files: string[]): Card[] {
  const out: Card[] = [];
  const walk = (scope: any) => {
    for (const m of scope?.methods ?? []) {
      out.push(m);
      for (const side of ["inputs", "outputs"]) {
        for (const e of Object.values<any>(m.node.model[side]?.data ?? {}))
          if (e.value?.type === "flo" && e.value.data && typeof e.value.data === "object") walk(e.value.data);
      }
    }
  };
  for (const f of files) {
    const doc = readCorpusJson(f) as any;
    for (const flo of Object.values<any>(doc.data.flos)) walk(flo.data); // null for a stub
  }
  return out;
}

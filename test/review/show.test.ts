import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildPackView } from "../../src/review/pack-view.js";
import { renderShow } from "../../src/review/show.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { generatedIds, scramble } from "../support/scramble.js";
import { edited, fixture, IDS, method } from "./fixture.js";

const show = (doc: unknown) => renderShow(buildPackView(doc));

describe("show: the canonical view", () => {
  const text = show(fixture());
  const doc = parse(text) as any;
  const main = doc.flows.find((f: any) => f.name === "Nightly report");
  const helper = doc.flows.find((f: any) => f.name === "Suspend helper");

  it("describes the trigger in words and cron, and the flow options", () => {
    expect(main.trigger).toMatchObject({
      type: "schedule",
      card: "Scheduled Flow (control callable)",
      schedule: "every day at 09:00",
      cron: "0 9 */1 * *",
      "time zone": "America/Los_Angeles",
    });
    expect(main.options).toEqual({ "save all data": true });
    expect(helper.trigger).toMatchObject({ type: "helper", fields: { login: "string", department: "string" } });
  });

  it("lists steps in execution order (not methods[] order), with If/Else branches nested and the join after", () => {
    expect(main.steps.map((s: any) => s.card)).toEqual([
      "Read User (okta readUser)",
      "Compose (string compose)",
      "If/Else (control if)",
      "Join (control join)",
      "Call Flow (control spawn)",
      "Create Row (stash createRow)",
    ]);
    const ifElse = main.steps[2];
    expect(ifElse.then.map((s: any) => s.card)).toEqual(["Assign (control let)"]);
    expect(ifElse.else.map((s: any) => s.card)).toEqual(["Assign #2 (control let)"]);
    expect(main.steps[3].wires.flag).toEqual(["Assign.flag", "Assign #2.flag"]);
  });

  it("shows options, constants, connection, helper calls by name, tables by name, templates and transforms", () => {
    const [read, compose, , , call, row] = main.steps;
    expect(read).toMatchObject({
      version: "1.0.501",
      connection: "Okta",
      options: { fields: "basic" },
      constants: { "ID or Login": "admin@example.com" },
    });
    expect(compose.text).toBe("Hello {{Read User.login}}!");
    expect(compose.constants).toBeUndefined(); // the token input is shown inside the text, not as a random key
    expect(call.calls).toEqual({ flo: "Suspend helper" });
    expect(call.wires).toEqual({ login: "Read User.login", department: "Read User.Profile.Department" });
    expect(row.options).toEqual({ stash: { table: "Report" } });
    expect(row.wires).toEqual({ flag: "Join.flag | booleanToString" });
    expect(row["on error"]).toEqual({ then: "stop the flow", retry: 2, "delay (ms)": 60000 });
    expect(main.notes).toEqual(["Read me\nTurn the flow on."]);
  });

  it("nests If Error try/handler blocks and reads wormholes as the outer source", () => {
    const tryCatch = helper.steps[0];
    expect(tryCatch.try.map((s: any) => s.card)).toEqual(["Suspend User (okta suspendUser)", "Return (control return)"]);
    expect(tryCatch.try[0].wires).toEqual({ ID: "Helper Flow.login" });
    expect(tryCatch["on error"][0].wires).toEqual({ string1: "If Error.error" });
  });

  it("lists connections, tables and folders by name", () => {
    expect(doc.connections).toEqual([{ name: "Okta", connector: "okta", "used by": ["Nightly report", "Suspend helper"] }]);
    expect(doc.tables[0]).toMatchObject({ name: "Report", folder: "Reports" });
    expect(doc.folders.map((f: any) => f.path)).toEqual(["Reports", "Reports / Archive"]);
  });

  it("contains no generated id", () => {
    for (const id of generatedIds(fixture())) expect(text).not.toContain(id);
  });

  it("is byte-identical for scrambled copies (ids regenerated, storage order shuffled)", () => {
    for (const seed of [1, 2, 3, 42]) expect(show(scramble(fixture(), seed))).toBe(text);
  });

  it("changes when a constant changes (the view is not blind)", () => {
    const other = show(edited((d) => (method(d, IDS.main, "okta00001").node.model.inputs.data.i_user0001.value.data = "ops@example.com")));
    expect(other).not.toBe(text);
    expect(other).toContain("ID or Login: ops@example.com");
  });
});

describe("show: malformed graphs and hostile names", () => {
  it("survives a cycle, a dangling edge and unreachable cards, and says so", () => {
    const doc = edited((d) => {
      const o = d.data.flos[IDS.main].data.orderings;
      o.cycle0001 = ["tbl000001", "okta00001"]; // back edge into the chain
      o.dangle001 = ["tbl000001", "nowhere01"];
      delete o.edge00001; // cut root → Read User: everything after the root is unreachable
    });
    const view = parse(show(doc)) as any;
    const main = view.flows.find((f: any) => f.name === "Nightly report");
    expect(main.steps).toEqual([]);
    expect(main.unreachable.map((s: any) => s.card)).toContain("Read User (okta readUser)");
    expect(main.problems).toEqual(
      expect.arrayContaining(["an ordering edge points at a card that does not exist", "cards that cannot be reached from the start card"]),
    );
  });

  it("keeps untrusted names intact and safe in YAML (quotes, newlines, YAML syntax, __proto__)", () => {
    const evil = `x": y\n- card: injected # not a comment {{{a}}} ]]`;
    const doc = edited((d) => {
      const m = method(d, IDS.main, "okta00001");
      m.node.data.name = evil;
      m.node.model.inputs.data.i_user0001.key = "__proto__";
      m.node.model.inputs.data.i_user0001.value.data = { __proto__: { polluted: true }, "a: b": "c" };
    });
    const text = show(JSON.parse(JSON.stringify(doc).replace('"a: b"', '"__proto__":{"polluted":true},"a: b"')));
    const view = parse(text) as any;
    const read = view.flows[0].steps[0];
    expect(read.card).toBe(`${evil} (okta readUser)`);
    expect(Object.hasOwn(read.constants, "__proto__")).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
    expect(view.flows[0].steps[1].text).toBe(`Hello {{${evil}.login}}!`);
  });

  it("quotes keys a YAML reader could misread (merge key <<, indicators, empty, multi-line)", () => {
    const keys = ["<<", "", "- x", "#", "null", "? q", "a\nb"];
    const doc = edited((d) => {
      const m = method(d, IDS.main, "okta00001");
      m.node.model.inputs.data.i_user0001.value.data = Object.fromEntries(keys.map((k, i) => [k, i]));
      m.node.model.inputs.data.i_user0001.key = "<<";
    });
    const text = show(doc);
    expect(text).toContain('"<<":');
    const read = (parse(text, { merge: true }) as any).flows[0].steps[0];
    expect(Object.keys(read.constants)).toEqual(["<<"]);
    expect(read.constants["<<"]).toEqual(Object.fromEntries(keys.map((k, i) => [k, i])));
  });

  it("is stable across TZ and locale (no clock, no locale compare)", () => {
    const a = show(fixture());
    const tz = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      expect(show(fixture())).toBe(a);
    } finally {
      process.env.TZ = tz;
    }
  });
});

const c = corpus();
describe.skipIf(!c)("show over the corpus", () => {
  it("is byte-identical for a scrambled copy of every export and never prints a card uuid", () => {
    for (const file of c!.files) {
      const doc = readCorpusJson(file);
      const text = show(doc);
      expect(show(scramble(doc, 1234)), file).toBe(text);
      const uuids = new Set<string>();
      for (const flo of Object.values<any>(doc.data.flos)) for (const m of flo.data?.methods ?? []) uuids.add(m.uuid);
      for (const id of uuids) if (id.length >= 9) expect(text.includes(id), `${file}: ${id}`).toBe(false);
    }
  });
});

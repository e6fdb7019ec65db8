import { describe, expect, it } from "vitest";
import { diffPacks, type Change } from "../../src/review/diff.js";
import { buildPackView } from "../../src/review/pack-view.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { scramble } from "../support/scramble.js";
import { card, edited, fixture, IDS, method } from "./fixture.js";

const diff = (a: unknown, b: unknown) => diffPacks(buildPackView(a), buildPackView(b));
const changesOf = (edit: (d: any) => void) => diff(fixture(), edited(edit)).changes;
const one = (changes: Change[]): Change => {
  expect(changes.map((c) => c.message)).toHaveLength(1);
  return changes[0]!;
};

describe("diff: nothing to report", () => {
  it("reports nothing for id churn and storage reordering", () => {
    for (const seed of [5, 6, 7]) expect(diff(fixture(), scramble(fixture(), seed))).toEqual({ equal: true, changes: [] });
  });
});

describe("diff: each kind of change", () => {
  it("constant: names the card, the input, the old and the new value", () => {
    const c = one(changesOf((d) => (method(d, IDS.main, "okta00001").node.model.inputs.data.i_user0001.value.data = "ops@example.com")));
    expect(c).toMatchObject({
      kind: "constant",
      flow: "Nightly report",
      card: "Read User (okta readUser)",
      field: "ID or Login",
      old: "admin@example.com",
      new: "ops@example.com",
    });
    expect(c.message).toBe(
      'flow "Nightly report": card "Read User (okta readUser)": constant "ID or Login" "admin@example.com" → "ops@example.com"',
    );
  });

  it("option", () => {
    const c = one(changesOf((d) => (method(d, IDS.main, "okta00001").node.model.inputs.data.i_fields01.value.data = "full")));
    expect(c).toMatchObject({ kind: "option", field: "fields", old: "basic", new: "full" });
  });

  it("option pointing at another table", () => {
    const c = one(
      changesOf((d) => {
        d.data.tables[IDS.table].name = "Report";
        const t2 = "99999999-9999-4999-8999-999999999999";
        d.data.tables[t2] = { ...d.data.tables[IDS.table], id: t2, name: "Archive" };
        method(d, IDS.main, "tbl000001").node.model.inputs.data.i_stash001.value.data = t2;
      }).filter((c) => c.subject === "card"),
    );
    expect(c).toMatchObject({ kind: "option", field: "stash", old: { table: "Report" }, new: { table: "Archive" } });
  });

  it("wiring", () => {
    const c = one(
      changesOf((d) => {
        const read = method(d, IDS.main, "okta00001");
        delete read.pins.o_login001.call00001;
        read.pins.o_login001.call00001 = [{ input: "i_carg0002", transform: null }];
        delete method(d, IDS.main, "expd00001").pins.o_expv0001;
      }).filter((c) => c.field === "department"),
    );
    expect(c).toMatchObject({
      kind: "wiring",
      card: "Call Flow (control spawn)",
      old: ["Read User.Profile.Department"],
      new: ["Read User.login"],
    });
  });

  it("transform", () => {
    const c = one(
      changesOf((d) => {
        const link = method(d, IDS.main, "join00001").pins.o_join0001.tbl000001[0];
        link.transform = { o_join0001: { convert: "toString", forceWrapArray: false, dest: "o_join0001" } };
      }),
    );
    expect(c).toMatchObject({
      kind: "transform",
      card: "Create Row (stash createRow)",
      field: "flag",
      old: ["booleanToString"],
      new: ["toString"],
    });
  });

  it("Compose text", () => {
    const c = one(
      changesOf((d) => (method(d, IDS.main, "comp00001").node.model.inputs.data.i_text0001.value.data = "Bye {{{tok9Xa2b}}}!")),
    );
    expect(c).toMatchObject({ kind: "text", old: "Hello {{Read User.login}}!", new: "Bye {{Read User.login}}!" });
  });

  it("error policy", () => {
    const c = one(
      changesOf((d) => (method(d, IDS.main, "tbl000001").node.model.policy.error = { type: "flo", flo: IDS.helper, retry: 0 })),
    );
    expect(c.kind).toBe("error-policy");
    expect(c.message).toContain('helper flow "Suspend helper"');
  });

  it("schedule", () => {
    const c = one(changesOf((d) => Object.assign(d.data.flos[IDS.main].data.cron, { dayOfTheMonth: "*", dayOfTheWeek: "1" })));
    expect(c).toMatchObject({ kind: "schedule", flow: "Nightly report" });
    expect(c.message).toContain("every week on Monday at 09:00");
  });

  it("save all data and description", () => {
    const cs = changesOf((d) => {
      d.data.flos[IDS.main].data.log = false;
      d.data.flos[IDS.main].description = "new text";
    });
    expect(cs.map((c) => c.field).sort()).toEqual(["description", "save all data"]);
  });

  it("connection: a card moved to another connection, and the collection change", () => {
    const cs = changesOf((d) => {
      const c2 = "abababab-abab-4bab-8bab-abababababab";
      d.data.configs[c2] = { id: c2, name: "Okta prod", module: "okta", data: null };
      method(d, IDS.main, "okta00001").node.model.config = c2;
    });
    expect(cs.find((c) => c.subject === "connection")).toMatchObject({ kind: "added", field: "Okta prod" });
    expect(cs.find((c) => c.subject === "card")).toMatchObject({
      kind: "connection",
      card: "Read User (okta readUser)",
      old: "Okta",
      new: "Okta prod",
    });
  });

  it("table: column added and default changed", () => {
    const cs = changesOf((d) => {
      const s = d.data.tables[IDS.table].data.structure;
      s[0].default = "no";
      s.push({ name: "when", type: "dte", default: null });
    });
    expect(cs.map((c) => [c.subject, c.kind, c.message])).toEqual([
      ["table", "column", 'table "Report": column "flag" str = "" → str = "no"'],
      ["table", "column", 'table "Report": column "when" added'],
    ]);
  });

  it("folder: added, removed, renamed (flows and sub-folders follow the rename)", () => {
    const renamed = changesOf((d) => (d.data.groups[IDS.sub].data.name = "Old reports"));
    expect(renamed.map((c) => c.message)).toEqual(['folder "Reports / Archive" renamed to "Old reports"']);
    const top = changesOf((d) => (d.data.groups[IDS.folder].data.name = "Daily reports"));
    expect(top.map((c) => c.message)).toEqual(['folder "Reports" renamed to "Daily reports"']);
    const added = changesOf((d) => {
      const id = "cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd";
      d.data.groups[id] = { id, data: { name: "Drafts", description: "", media_uri: "", path: IDS.folder } };
    });
    expect(added.map((c) => c.message)).toEqual(['folder "Reports / Drafts" added']);
    const removed = changesOf((d) => delete d.data.groups[IDS.sub]);
    expect(removed.map((c) => c.message)).toEqual(['folder "Reports / Archive" removed']);
  });

  it("connection and table renames are one change each, not a change on every card that uses them", () => {
    const cs = changesOf((d) => {
      d.data.configs[IDS.config].name = "Okta production";
      d.data.tables[IDS.table].name = "Daily report";
    });
    expect(cs.map((c) => c.message)).toEqual([
      'connection "Okta" (okta) renamed to "Okta production"',
      'table "Report" renamed to "Daily report"',
    ]);
  });

  it("flow rename is one change, not a removal + addition, and calls follow it", () => {
    const cs = changesOf((d) => (d.data.flos[IDS.helper].name = "Suspend user helper"));
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ subject: "flow", kind: "renamed", old: "Suspend helper", new: "Suspend user helper" });
  });

  it("card rename is reported once, never as a rewire of its readers", () => {
    const cs = changesOf((d) => {
      const m = method(d, IDS.main, "okta00001");
      m.node.data.name = m.node.model.metadata.name = "Read Admin";
    });
    const c = one(cs);
    expect(c).toMatchObject({ kind: "renamed", old: "Read User", new: "Read Admin" });
  });

  it("card added and removed", () => {
    const added = changesOf((d) => {
      const f = d.data.flos[IDS.main].data;
      f.methods.push(card({ uuid: "newc00001", address: "root:kernel:date:0.0.1:now", name: "Now" }));
      f.orderings.zz1 = ["tbl000001", "newc00001"];
    });
    expect(one(added)).toMatchObject({ kind: "added", card: "Now (date now)", new: "step 7" });
    const removed = changesOf((d) => {
      const f = d.data.flos[IDS.main].data;
      f.methods = f.methods.filter((m: any) => m.uuid !== "tbl000001");
      for (const [k, e] of Object.entries<any>(f.orderings)) if (e.includes("tbl000001")) delete f.orderings[k];
      delete method(d, IDS.main, "join00001").pins.o_join0001;
    });
    expect(one(removed)).toMatchObject({ kind: "removed", card: "Create Row (stash createRow)" });
  });

  it("card moved (into a branch)", () => {
    const cs = changesOf((d) => {
      const f = d.data.flos[IDS.main].data;
      const o = f.orderings;
      for (const [k, e] of Object.entries<any>(o)) if (e.includes("call00001")) delete o[k];
      o.m1 = ["join00001", "tbl000001"];
      o.m2 = ["letT00001", "call00001"];
      o.m3 = ["call00001", "join00001"];
      o.m4 = ["expd00001", "call00001"];
    });
    expect(one(cs)).toMatchObject({ kind: "moved", card: "Call Flow (control spawn)", old: "step 5", new: "step 3 / then / step 2" });
  });

  it("flow removed (and the call that pointed at it)", () => {
    const cs = changesOf((d) => {
      delete d.data.flos[IDS.helper];
      method(d, IDS.main, "call00001").node.model.inputs.data.i_flo00001.value.data = "";
    });
    expect(cs.map((c) => c.kind)).toEqual(["removed", "call"]);
  });
});

const c = corpus();
describe.skipIf(!c)("diff over the corpus", () => {
  it("a scrambled copy of every export has no difference; one changed constant is named exactly", () => {
    let checkedConstants = 0;
    for (const file of c!.files) {
      const doc = readCorpusJson(file);
      const scrambled = scramble(doc, 99);
      expect(diff(doc, scrambled), file).toEqual({ equal: true, changes: [] });

      // Change the first non-empty string constant of a top-level, non-pinned input of a displayed card.
      const copy = JSON.parse(JSON.stringify(scrambled));
      const target = findConstant(copy);
      if (!target) continue;
      target.entry.value.data = `${target.entry.value.data}-changed`;
      const result = diff(doc, copy);
      expect(result.equal, file).toBe(false);
      const hit = result.changes.find((ch) => ch.kind === "constant" || ch.kind === "option" || ch.kind === "text");
      expect(hit, `${file}: ${JSON.stringify(result.changes.map((x) => x.message))}`).toBeDefined();
      expect(hit!.card).toContain(target.name);
      if (hit!.kind !== "text") expect(hit!.new).toBe(target.entry.value.data);
      checkedConstants++;
    }
    expect(checkedConstants).toBeGreaterThan(c!.files.length / 2);
  });
});

describe.skipIf(!c)("diff over the corpus: renames", () => {
  it("renaming a card that others read from is exactly one change in every export", () => {
    let checked = 0;
    for (const file of c!.files) {
      const doc = readCorpusJson(file);
      const copy = JSON.parse(JSON.stringify(doc));
      const target = findWiredCard(copy);
      if (!target) continue;
      const old = target.node.data.name;
      target.node.data.name = target.node.model.metadata.name = `${old} (renamed)`;
      const result = diff(doc, scramble(copy, 5));
      expect(
        result.changes.map((x) => x.message),
        file,
      ).toHaveLength(1);
      expect(result.changes[0], file).toMatchObject({ kind: "renamed", old, new: `${old} (renamed)` });
      checked++;
    }
    expect(checked).toBeGreaterThan(c!.files.length / 2);
  });
});

/** A displayed, non-trigger card of a top-level flow whose outputs are wired to other cards. */
function findWiredCard(doc: any): any {
  for (const flo of Object.values<any>(doc.data.flos)) {
    if (flo.data === null) continue; // a stub of a flow kept elsewhere
    const targets = new Set<string>();
    for (const o of flo.data.orderings ? Object.values<any>(flo.data.orderings) : []) targets.add(o[1]);
    for (const m of flo.data.methods) {
      if (m.node.model.displayed === false || !targets.has(m.uuid) || m.address.endsWith(":expand")) continue;
      if (Object.keys(m.pins).length > 0) return m;
    }
  }
  return undefined;
}

function findConstant(doc: any): { entry: any; name: string } | undefined {
  for (const flo of Object.values<any>(doc.data.flos)) {
    if (flo.data === null) continue; // a stub of a flow kept elsewhere
    const pinned = new Set<string>();
    for (const m of flo.data.methods)
      for (const t of Object.values<any>(m.pins)) for (const links of Object.values<any>(t)) for (const l of links) pinned.add(l.input);
    for (const m of flo.data.methods) {
      if (m.node.model.displayed === false || m.address.endsWith(":comment") || m.address.endsWith(":callable")) continue;
      for (const e of Object.values<any>(m.node.model.inputs.data)) {
        if (pinned.has(e.id) || typeof e.value.data !== "string" || e.value.data === "" || e.value.type !== "string") continue;
        if (e.metadata?.forceHide || e.metadata?.wormholeMethodId) continue;
        return { entry: e, name: m.node.data.name };
      }
    }
  }
  return undefined;
}

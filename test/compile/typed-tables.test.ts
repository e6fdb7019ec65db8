import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

/**
 * Tables cards typed by their table's columns change types only: the typed flow (column outputs read by name,
 * `rows` typed, `fields` checked) builds to the same bytes as the same flow written untyped (`Table`, `$custom`).
 */
const FIXTURES = join(REPO, "test/fixtures/tables-typed");

function build(name: string): Buffer {
  const out = join(mkdtempSync(join(tmpdir(), "flocode-typed-tables-")), "out");
  const r = runCli(["build", join(FIXTURES, `${name}.flow.ts`), "--out", out, "--no-checklist"]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/warning/);
  return readFileSync(join(out, `${name}.flow`));
}

describe("Tables cards typed by the table's columns", () => {
  it("build byte-identically to the untyped flow", () => {
    const typed = build("typed");
    expect(typed.equals(build("untyped"))).toBe(true);
  });

  it("write the column fields as Okta does: inputs numbered after the card's own, no column outputs beside `rows`", () => {
    const doc = JSON.parse(build("typed").toString("utf8"));
    const methods = (Object.values<any>(doc.data.flos)[0] as any).data.methods as any[];
    const entries = (m: any, side: string) => Object.values<any>(m.node.model[side].data);
    const update = methods.find((m) => m.address.endsWith(":updateRow"));
    const indexes = entries(update, "inputs").map((e) => e.metadata.index);
    expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(
      entries(update, "inputs")
        .filter((e) => e.group === "Fields")
        .map((e) => e.key),
    ).toEqual(["Login", "Visits", "Active", "Last Seen"]);
    const [one, all] = methods.filter((m) => m.address.endsWith(":searchRows2"));
    expect(
      entries(one, "outputs")
        .filter((e) => e.group === "Fields")
        .map((e) => e.key),
    ).toEqual(["Login", "Visits", "Active", "Last Seen"]);
    expect(entries(all, "outputs").map((e) => `${e.group}/${e.key}`)).toEqual(["Result/Rows"]);
  });

  it("wire the column outputs they read: the typed reads reach the cards' column fields", () => {
    const doc = JSON.parse(build("typed").toString("utf8"));
    const methods = (Object.values<any>(doc.data.flos)[0] as any).data.methods as any[];
    const outputIdOf = (action: string, key: string): string => {
      const card = methods.find((m) => m.address.endsWith(`:${action}`));
      return Object.values<any>(card.node.model.outputs.data).find((e) => e.group === "Fields" && e.key === key).id;
    };
    // A card's `pins` are keyed by its output ids, each naming the cards and inputs the output is wired into.
    const wired = new Set(methods.flatMap((m) => Object.keys(m.pins ?? {})));
    for (const [action, key] of [
      ["searchRows2", "Visits"],
      ["readRow", "Login"],
      ["readRow", "Last Seen"],
    ] as const)
      expect(wired.has(outputIdOf(action, key)), `${action} ${key}`).toBe(true);
  });

  it("come back from import reading the columns by name, and build again to the same bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), "flocode-typed-tables-import-"));
    writeFileSync(join(dir, "typed.flow"), build("typed"));
    const imported = join(dir, "imported");
    expect(runCli(["import", join(dir, "typed.flow"), "--out", imported]).status).toBe(0);
    const code = readdirSync(imported)
      .filter((f) => f.endsWith(".flow.ts"))
      .map((f) => readFileSync(join(imported, f), "utf8"))
      .join("\n");
    // Column outputs of Search Rows and Read Row read as typed properties; a name that is no identifier by $custom.
    expect(code).toMatch(/\bsearchRows\.Visits\b/);
    expect(code).toMatch(/\breadRow\.Login\b/);
    expect(code).toContain('readRow.$custom("Last Seen")');
    // Every Tables card through its typed factory; all matching rows say their result set, which types `rows`.
    expect(code).not.toContain('card("root:');
    expect(code).toMatch(/resultSet: "all-new"[^]*\bsearchRows2\.rows\b/);
    const again = join(dir, "again");
    const r = runCli(["build", imported, "--out", again, "--no-checklist"]);
    expect(r.status, r.stderr).toBe(0);
    const rebuilt = JSON.parse(readFileSync(join(again, "imported.folder"), "utf8"));
    const original = JSON.parse(build("typed").toString("utf8"));
    expect(firstDifference(normaliseFlopack(original), normaliseFlopack(rebuilt))).toBeUndefined();
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";

/**
 * Tables cards typed by their table's columns change types only: the typed flow (column outputs read by name,
 * `rows` typed, `fields` checked) builds to the same bytes as the same flow written untyped (`Table`, `$custom`).
 */
const FIXTURES = join(REPO, "test/fixtures/tables-typed");

function build(name: string): Buffer {
  const out = join(mkdtempSync(join(tmpdir(), "flocode-typed-tables-")), "out");
  const r = runCli(["build", join(FIXTURES, `${name}.flow.ts`), "--out", out, "--no-checklist"]);
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(join(out, `${name}.flow`));
}

describe("Tables cards typed by the table's columns", () => {
  it("build byte-identically to the untyped flow", () => {
    const typed = build("typed");
    expect(typed.equals(build("untyped"))).toBe(true);
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
});

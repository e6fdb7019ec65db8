import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { corpus } from "../support/corpus.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";
import { scramble } from "../support/scramble.js";

/**
 * Tables search filters hold card ids: the expression's `rhd.methodId` / `rhd.outputId` and a hidden `_expr` field
 * keyed by the source output's id, with `metadata.method` = the source card (FLOPACK.md has the shape; 48 such
 * fields in the corpus). A rebuilt flopack must point at the rebuilt cards, or the filter breaks in Okta.
 */
function build(body: string): { status: number | null; stderr: string; doc?: any } {
  const dir = mkdtempSync(join(tmpdir(), "flocode-where-"));
  const file = join(dir, "where.flow.ts");
  writeFileSync(
    file,
    `import { flow, manual, table, where, idOf } from "flocode";
import { kernel, stash } from "flocode/cards";

const people = table("People", { columns: { login: "string", since: "Date" } });

export default flow({ name: "Where", description: "Table filters.", trigger: manual() }, (f) => {
${body}
});
`,
  );
  const out = join(dir, "dist");
  const r = runCli(["build", file, "--out", out, "--no-checklist"]);
  if (r.status !== 0) return { status: r.status, stderr: r.stderr };
  return { status: 0, stderr: r.stderr, doc: JSON.parse(readFileSync(join(out, "where.flow"), "utf8")) };
}

const methods = (doc: any) => (Object.values<any>(doc.data.flos)[0] as any).data.methods as any[];
const entries = (card: any, side: string) => Object.values<any>(card.node.model[side].data);

describe("where(...): Tables search filters", () => {
  it("writes the expression, the hidden field keyed by the output id, and the wire into it", () => {
    const r = build(`  const now = f.add(kernel.date.now({}));
  f.add(stash.searchRows2({ stash: people, direction: "asc", resultSet: "all-new",
    whereExpression: where({ column: "since", op: "<", value: now.$out("date") }, { column: "login", op: "=", value: "jane", join: "OR" }) }));`);
    expect(r.stderr).toBe("");
    const cards = methods(r.doc);
    const now = cards.find((m) => m.address.endsWith(":date:0.0.1:now"));
    const search = cards.find((m) => m.address.endsWith(":searchRows2"));
    const dateOut = entries(now, "outputs").find((e) => e.key === "date");
    const filter = entries(search, "inputs").find((e) => e.key === "Where Expression");
    expect(filter.value.data.expr).toEqual([
      { lhs: "since", op: "<", join: "AND", rhd: { outputId: dateOut.id, methodId: now.uuid } },
      { lhs: "login", op: "=", rhs: "jane", join: "OR" },
    ]);
    const hidden = entries(search, "inputs").filter((e) => e.group === "_expr");
    expect(hidden).toHaveLength(1);
    expect(hidden[0].key).toBe(dateOut.id);
    expect(hidden[0].metadata).toEqual({ forceHide: true, method: now.uuid });
    expect(hidden[0].value.type).toBe("Date");
    expect(now.pins[dateOut.id][search.uuid]).toEqual([{ input: hidden[0].id, transform: null }]);
  });

  it("idOf(...) writes a card's or an output's id into constant data", () => {
    const r = build(`  const now = f.add(kernel.date.now({}));
  f.add(stash.searchRows2({ stash: people, direction: "asc", resultSet: "one",
    whereExpression: { expr: [{ lhs: "since", op: ">", join: "AND", rhd: { methodId: idOf(now), outputId: idOf(now.$out("date")) } }] } }));`);
    expect(r.stderr).toBe("");
    const cards = methods(r.doc);
    const now = cards.find((m) => m.address.endsWith(":date:0.0.1:now"));
    const search = cards.find((m) => m.address.endsWith(":searchRows2"));
    const dateOut = entries(now, "outputs").find((e) => e.key === "date");
    expect(entries(search, "inputs").find((e) => e.key === "Where Expression").value.data.expr[0].rhd).toEqual({
      methodId: now.uuid,
      outputId: dateOut.id,
    });
  });

  it("rejects a condition without a column, at the call", () => {
    const r = build(
      `  f.add(stash.searchRows2({ stash: people, direction: "asc", whereExpression: where({ column: "", op: "=", value: 1 }) }));`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/where\.flow\.ts:\d+:\d+: .*condition 1: column must be a column name/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

const c = corpus();

describe.skipIf(!c)("normaliser: card ids inside data are compared by what they point to", () => {
  // The first export with a Tables filter that references a card (picked by content, not by name).
  const file = c?.files.find((f) => /"rhd":\{"(outputId|methodId)"/.test(readFileSync(f, "utf8")));

  it("ignores regenerated ids but catches a filter pointing at another card", () => {
    expect(file).toBeDefined();
    const original = JSON.parse(readFileSync(file!, "utf8"));
    expect(firstDifference(normaliseFlopack(original), normaliseFlopack(scramble(original, 7)))).toBeUndefined();
    const text = readFileSync(file!, "utf8");
    const methodId = /"methodId":"([^"]+)"/.exec(text)![1]!;
    const other = [...text.matchAll(/"uuid":"([^"]+)"/g)].map((m) => m[1]!).find((u) => u !== methodId)!;
    const repointed = JSON.parse(text.replace(`"methodId":"${methodId}"`, `"methodId":"${other}"`));
    expect(firstDifference(normaliseFlopack(original), normaliseFlopack(repointed))).toMatch(/rhd\/(methodId|outputId)/);
  });
});

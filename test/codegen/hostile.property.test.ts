/**
 * Hostile names and values (quotes, backticks, `${`, `*\/`, newlines, U+2028/2029, `__proto__`, reserved words,
 * emoji) in flows, folders, connections, tables, cards and constants: the generated files parse, hold nothing but
 * imports, const/let declarations, `export default` and builder calls, and build back to the same flopack.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { ts } from "ts-morph";
import { afterAll, describe, expect, it } from "vitest";
import { card, connection, flow, folder, pack, schedule, table } from "../../src/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { importFlopack, runImportFile } from "../../src/cli/run-import.js";
import { runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

const NASTY = [
  '"',
  "'",
  "`",
  "${x}",
  "*/",
  "/*",
  "\n",
  "\r\n",
  "\u2028",
  "\u2029",
  "__proto__",
  "constructor",
  "class",
  "flow",
  "eval",
  "💥",
  "\\",
  "</",
  " ",
  "0",
];
const nasty = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""))
  .filter((s) => s.trim() !== "");

interface Names {
  flowName: string;
  folderName: string;
  connectionName: string;
  tableName: string;
  column: string;
  cardName: string;
  fieldKey: string;
  value: string;
  comment: string;
}

function hostilePack(n: Names) {
  const dir = folder(n.folderName, { description: n.comment });
  const conn = connection(n.connectionName, "office365admin");
  const t = table(n.tableName, { folder: dir, columns: { [n.column]: "string" } });
  const main = flow(
    { name: n.flowName, description: n.value, folder: dir, trigger: schedule.daily({ at: "09:00", timeZone: "UTC" }) },
    (f) => {
      f.comment(n.comment, n.cardName);
      f.add(
        card("root:kernel:control:0.0.1:let", { name: n.cardName, customInputs: [{ key: n.fieldKey, type: "string", value: n.value }] }),
      );
    },
  );
  const def = pack({ name: "hostile", flows: [main], folders: [dir], tables: [t], connections: [conn] });
  const ir = lower({ flows: [main], pack: def, defaultFolder: "hostile" }, Catalog.builtin());
  return emitPack(ir, { template: (a, v) => Catalog.builtin().get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
}

/** Only imports, const/let declarations, `export default`, and calls / assignments of builder values. */
function unexpectedStatements(text: string, file: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const diagnostics = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) problems.push(`${file}: ${diagnostics.length} parse errors`);
  const checkBlock = (statements: readonly ts.Statement[]): void => {
    for (const s of statements) {
      if (ts.isVariableStatement(s)) continue;
      // An If/Else branch hands on values: `return { key: card.$out("...") }`.
      if (ts.isReturnStatement(s) && s.expression && ts.isObjectLiteralExpression(s.expression)) continue;
      if (ts.isExpressionStatement(s)) {
        const e = s.expression;
        const callee =
          ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)
            ? e.expression.expression.text
            : undefined;
        const assignment = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left);
        if ((callee && /^(f|g[0-9]*|then[0-9]*|otherwise[0-9]*)$/.test(callee)) || assignment) continue;
      }
      problems.push(`${file}: unexpected statement ${ts.SyntaxKind[s.kind]}: ${s.getText(sf).slice(0, 80)}`);
    }
  };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isExportAssignment(s) || ts.isVariableStatement(s)) continue;
    problems.push(`${file}: unexpected top-level ${ts.SyntaxKind[s.kind]}`);
  }
  const visit = (node: ts.Node): void => {
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isBlock(node.body)) checkBlock(node.body.statements);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

/** Builds a pack folder with the CLI (flow files load through its loader) and returns the flopack. */
function buildWithCli(dir: string, out: string): unknown {
  const build = runCli(["build", dir, "--out", out, "--no-checklist"], { env: { SOURCE_DATE_EPOCH: "0" } });
  expect(build.status, build.stderr).toBe(0);
  const name = dir.split("/").at(-1)!;
  return JSON.parse(readFileSync(join(out, `${name}.folder`), "utf8"));
}

const work = mkdtempSync(join(tmpdir(), "flocode-hostile-"));
// Flow files are ES modules; outside a "type": "module" package the loader would treat them as CommonJS.
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("import of hostile names and values", () => {
  const arb = fc.record({
    flowName: nasty,
    folderName: nasty,
    connectionName: nasty,
    tableName: nasty,
    column: nasty,
    cardName: nasty,
    fieldKey: nasty,
    value: nasty,
    comment: nasty,
  });

  it("generates files that are data, never code", () => {
    let n = 0;
    fc.assert(
      fc.property(arb, (names) => {
        const file = join(work, `gen-${n++}.flopack`);
        writeFileSync(file, JSON.stringify(hostilePack(names)));
        const { result, writes } = importFlopack(file, { out: join(work, "unused") });
        expect(result.ok).toBe(true);
        const code = writes.filter((x) => x.path.endsWith(".ts"));
        expect(code.length).toBeGreaterThan(0);
        for (const w of code) expect(unexpectedStatements(w.text, w.path)).toEqual([]);
      }),
      { numRuns: Number(process.env.FLOCODE_FUZZ_RUNS ?? 60), seed: 4242 },
    );
  });

  it("builds back to the same flopack", () => {
    const samples = fc.sample(arb, { numRuns: 6, seed: 77 });
    for (const [i, names] of samples.entries()) {
      const file = join(work, `rt-${i}.flopack`);
      const original = hostilePack(names);
      writeFileSync(file, JSON.stringify(original));
      const out = join(work, "packs", `rt${i}`);
      const r = runImportFile(file, { out });
      expect(r.ok).toBe(true);
      const built = buildWithCli(out, join(work, `dist-${i}`));
      const d = firstDifference(normaliseFlopack(original as never), normaliseFlopack(built as never));
      expect(d, JSON.stringify(names)).toBeUndefined();
    }
  }, 120_000);
});

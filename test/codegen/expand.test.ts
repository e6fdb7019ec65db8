/**
 * Import writes hidden object-expand cards as `const { a, b } = f.expand(card.x, {...})` when lower
 * gives back the same card, pins and orderings, and as a generic card otherwise; both build back the same.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flow, helperFlow } from "../../src/index.js";
import { kernel } from "../../src/cards/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { importFlopack, runImportFile } from "../../src/cli/run-import.js";
import { validateFlopack } from "../../src/rules/validate.js";
import { runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

type Json = any;

const work = mkdtempSync(join(tmpdir(), "flocode-expand-"));
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const EXPAND = "root:kernel:object:0.0.1:expand";

/** A helper flow reading fields of its object parameter through two expand cards, one inside an If Error block. */
function expandPack(): Json {
  const schema = {
    id: { type: "string", collection: false },
    profile: { type: { login: { type: "string", collection: false }, groups: { type: "string", collection: true } }, collection: false },
  };
  const main = flow(
    { name: "Expand Fields", trigger: helperFlow(), root: kernel.control.callable({ customInputs: [{ key: "User", type: schema }] }) },
    (f) => {
      const { id, login } = f.expand(f.trigger.$custom("User"), { id: "id", login: ["profile", "login"] });
      const { groups } = f.expand(f.trigger.$custom("User"), { groups: ["profile", "groups"] });
      f.add(kernel.string.base64({ string: id }));
      f.add(kernel.string.base64({ string: login }));
      f.add(kernel.list.length({ list: groups }));
    },
  );
  const catalog = Catalog.builtin();
  const ir = lower({ flows: [main], defaultFolder: "expand" }, catalog);
  return emitPack(ir, { template: (a, v) => catalog.get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
}

function importText(doc: Json, name: string): string {
  const file = join(work, `${name}.flopack`);
  writeFileSync(file, JSON.stringify(doc));
  const { result, writes } = importFlopack(file, { out: join(work, "unused") });
  expect(result.ok).toBe(true);
  return writes.find((w) => w.path.endsWith("expand-fields.flow.ts"))!.text;
}

function roundTrip(doc: Json, name: string): { built: Json; difference: string | undefined } {
  const file = join(work, `${name}.flopack`);
  writeFileSync(file, JSON.stringify(doc));
  const out = join(work, "packs", name);
  expect(runImportFile(file, { out }).ok).toBe(true);
  const build = runCli(["build", out, "--out", join(work, `dist-${name}`), "--no-checklist"], { env: { SOURCE_DATE_EPOCH: "0" } });
  expect(build.status, build.stderr).toBe(0);
  const built = JSON.parse(readFileSync(join(work, `dist-${name}`, `${name}.folder`), "utf8"));
  return { built, difference: firstDifference(normaliseFlopack(doc), normaliseFlopack(built)) };
}

/** The same pack with one of the expand cards' self-loops gone: `f.expand` would write it back. */
function withoutASelfLoop(doc: Json): Json {
  const copy = structuredClone(doc);
  const fd = Object.values<Json>(copy.data.flos)[0].data;
  const expand = fd.methods.find((m: Json) => m.address === EXPAND);
  const loop = Object.entries<[string, string]>(fd.orderings).find(([, [a, b]]) => a === expand.uuid && b === expand.uuid)![0];
  delete fd.orderings[loop];
  return copy;
}

describe("import of hidden object-expand cards", () => {
  it("writes them as f.expand with one variable per field, read by the cards that use them", () => {
    const text = importText(expandPack(), "expand-fields");
    expect(text).toContain('const { id, login } = f.expand(helperFlow2.$custom("User"), { id: "id", login: ["profile", "login"] });');
    expect(text).toContain('const { groups } = f.expand(helperFlow2.$custom("User"), { groups: ["profile", "groups"] });');
    expect(text).toContain("kernel.string.base64({ string: id })");
    expect(text).toContain("kernel.list.length({ list: groups })");
    expect(text).not.toContain("object.expand");
    expect(text).not.toContain("f.edge(");
  });

  it("keeps a card f.expand would not give back as a generic card", () => {
    const text = importText(withoutASelfLoop(expandPack()), "expand-fields");
    expect(text).toContain("kernel.object.expand({");
    expect(text.match(/= f\.expand\(/g) ?? []).toHaveLength(0);
  });

  it("builds back into the same flopack, valid, in both forms", () => {
    for (const [name, doc] of [
      ["expand-fields", expandPack()],
      ["expand-fields", withoutASelfLoop(expandPack())],
    ] as const) {
      const { built, difference } = roundTrip(doc, name);
      expect(difference).toBeUndefined();
      expect(validateFlopack(built).filter((x) => x.severity === "error")).toEqual([]);
    }
  });
});

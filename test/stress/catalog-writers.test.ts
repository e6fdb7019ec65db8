/**
 * Concurrent writers of one project catalog: parallel `flocode import` (and `flocode catalog learn`) processes
 * under one `flocode.catalog.json` each read, merge and write it back. The lock (src/util/file-lock.ts) must make
 * them lose nothing: every learned variant ends in the file, and every imported folder builds.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCatalogFile } from "../../src/catalog/file.js";
import { runCli, runCliAsync } from "../support/cli.js";

const IMPORTS = 8;
const LEARNERS = 4;
const work = mkdtempSync(join(tmpdir(), "flocode-catalog-writers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A flopack whose To Lower Case card has three extra parameters named after `i`: a card variant no built-in
 * entry (and no other pack of the test) has.
 */
function packWithOwnVariant(base: Record<string, any>, i: number): string {
  const pack = structuredClone(base);
  const flow = Object.values(pack.data.flos as Record<string, any>)[0];
  const card = (flow.data.methods as any[]).find((m) => String(m.address).endsWith(":toLowerCase"));
  for (let j = 0; j < 3; j++) {
    const id = `v${String(i).padStart(3, "0")}k${j}xxxx`;
    card.node.model.inputs.data[id] = {
      id,
      group: "parameters",
      key: `mode${i}x${j}`,
      required: false,
      ref: false,
      metadata: { displayname: `Mode ${i} ${j}` },
      flags: "p",
      value: { type: "string", collection: false, data: "A" },
    };
  }
  return JSON.stringify(pack);
}

describe("parallel writers of one project catalog", () => {
  it(`${IMPORTS} parallel imports and ${LEARNERS} parallel catalog learns: every variant kept, every folder builds`, async () => {
    const source = join(work, "lower.flow.ts");
    writeFileSync(
      source,
      `import { flow, manual } from "flocode";\nimport { kernel } from "flocode/cards";\n` +
        `export default flow({ name: "Lower", description: "one card", trigger: manual() }, (f) => {\n` +
        `  f.add(kernel.string.toLowerCase({ string: "Hello" }));\n});\n`,
    );
    const built = runCli(["build", source, "--out", work, "--no-checklist"]);
    expect(built.status, built.stderr).toBe(0);
    const base = JSON.parse(readFileSync(join(work, "lower.flow"), "utf8")) as Record<string, any>;
    const files = Array.from({ length: IMPORTS + LEARNERS }, (_, i) => {
      const file = join(work, `pack-${i}.flopack`);
      writeFileSync(file, packWithOwnVariant(base, i));
      return file;
    });

    const project = join(work, "project");
    mkdirSync(project);
    const catalog = join(project, "flocode.catalog.json");
    writeFileSync(catalog, '{"$comment":"the project catalog","entries":[]}\n');
    const runs = await Promise.all(
      files.map((file, i) =>
        i < IMPORTS
          ? runCliAsync(["import", file, "--out", join(project, `imported-${i}`)])
          : runCliAsync(["catalog", "learn", file, "--out", catalog]),
      ),
    );
    for (const r of runs) expect(r.status, r.stderr).toBe(0);

    const entries = readCatalogFile(catalog).entries;
    const sources = new Set(entries.flatMap((e) => e.sources.map((s) => s.replace(/#.*/, ""))));
    expect([...sources].sort()).toEqual(files.map((f) => f.split("/").pop()).sort());
    expect(entries).toHaveLength(IMPORTS + LEARNERS);
    expect(readdirSync(project).filter((n) => n.includes(".lock"))).toEqual([]);

    const build = runCli(["build", project, "--out", join(work, "dist"), "--no-checklist"]);
    expect(build.status, build.stderr).toBe(0);
    for (let i = 0; i < IMPORTS; i++) expect(existsSync(join(work, "dist", `imported-${i}.folder`))).toBe(true);
  }, 300_000);
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseJsonDocument } from "../../src/format/parse.js";
import { findDuplicateKeys } from "../../src/format/json-values.js";
import { scanJsonText } from "../../src/format/json-text.js";
import { REPO, runMain } from "../support/cli.js";

/**
 * What JSON.parse accepts silently: numbers that overflow to Infinity (an error at their JSON pointer) and keys
 * written twice (a warning naming the key, its pointer and the copy that is dropped), through every command.
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-json-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const minimalText = readFileSync(join(REPO, "test/fixtures/minimal.flopack"), "utf8");
const FLOW = "/data/flos/4f1c2a9e-7b3d-4e8a-9c61-2d5e8f0a1b37";

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("numbers that overflow", () => {
  for (const [what, number, reads] of [
    ["1e400", "1e400", "Infinity"],
    ["-1e400", "-1e400", "-Infinity"],
    ["a 400-digit integer", "1" + "0".repeat(400), "Infinity"],
  ] as const) {
    it(`${what} is an FP007 error at its pointer`, () => {
      const r = parseJsonDocument(minimalText.replace('"_v":2', `"_v":${number}`), "x.flopack");
      expect(r.ok).toBe(false);
      expect(!r.ok && r.findings).toEqual([
        {
          code: "FP007",
          slug: "json-number-range",
          severity: "error",
          message: `number out of range: it reads as ${reads} (JSON numbers must fit a double)`,
          pointer: `${FLOW}/data/methods/0/node/model/_v`,
          file: "x.flopack",
        },
      ]);
    });
  }

  it("validate exits 1 and import exits 1 with the finding, never an internal error", async () => {
    const file = write("huge.flopack", minimalText.replace('"_v":2', '"_v":1e400'));
    const v = await runMain(["validate", file]);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain("FP007 json-number-range");
    const i = await runMain(["import", file, "--out", join(dir, "never")]);
    expect(i.status).toBe(1);
    expect(i.stderr).toContain(`${FLOW}/data/methods/0/node/model/_v: FP007 json-number-range`);
    expect(i.stderr).not.toContain("internal error");
  });
});

describe("duplicate keys", () => {
  it("the scan counts the members the text writes", () => {
    expect(scanJsonText('{"a":1,"b":{"c":":"},"d":[{"e":2}]}').members).toBe(5);
  });

  it("names each key written twice: pointer, position, the copy dropped (escapes and nesting included)", () => {
    const text = '{"a":{"x":1,"\\u0078":[1,2]},"l":[{"k":"first","k":"second"}],"__proto__":1,"__proto__":2}';
    expect(findDuplicateKeys(text)).toEqual([
      { pointer: "/a/x", key: "x", dropped: "1", line: 1, column: 13 },
      { pointer: "/l/0/k", key: "k", dropped: '"first"', line: 1, column: 47 },
      { pointer: "/__proto__", key: "__proto__", dropped: "1", line: 1, column: 76 },
    ]);
    expect(findDuplicateKeys('{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":1}]}')).toEqual([]);
  });

  it("is a warning of validate, and of show, diff, graph, checklist and import on stderr", async () => {
    const file = write("twice.flopack", minimalText.replace('"name":"Daily check"', '"name":"Hidden name","name":"Daily check"'));
    const warning = `FP008 json-duplicate-key key "name" is written twice in this object: the last copy counts, the first ("Hidden name") is ignored (warning)`;
    const v = await runMain(["validate", file]);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`${file}:1:286: ${FLOW}/name: ${warning}\n`);
    const original = join(REPO, "test/fixtures/minimal.flopack");
    for (const argv of [
      ["show", file],
      ["diff", original, file],
      ["graph", file],
      ["checklist", file],
    ]) {
      const r = await runMain(argv);
      expect(r.status, argv.join(" ")).toBe(0);
      expect(r.stderr, argv.join(" ")).toBe(`flocode: warning: ${file}:1:286: ${FLOW}/name: ${warning}\n`);
    }
    const i = await runMain(["import", file, "--out", join(dir, "imported")]);
    expect(i.status).toBe(0);
    expect(i.stderr).toContain(warning);
  });
});

describe("keys of folders and tables import cannot keep", () => {
  it("are an FP216 warning of validate and of import", async () => {
    const pack = JSON.parse(readFileSync(join(REPO, "test/fixtures/minimal.flopack"), "utf8"));
    const group = Object.values(pack.data.groups as Record<string, { data: Record<string, unknown> }>)[0]!;
    group.data.color = "red";
    const file = write("color.flopack", JSON.stringify(pack));
    const v = await runMain(["validate", file]);
    expect(v.stdout).toMatch(/\/data\/color: FP216 collection-keys key "color" in a folder's data is in no real export/);
    const i = await runMain(["import", file, "--out", join(dir, "color")]);
    expect(i.status).toBe(0);
    expect(i.stderr).toMatch(/flocode: warning: .*\/data\/color: FP216 collection-keys/);
  });
});

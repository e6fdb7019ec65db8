import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { plainValueProblem } from "../../src/dsl/plain-value.js";
import { runCli } from "../support/cli.js";

/**
 * Every mistake in a flow file is the file's problem, in one line at the call: a Compose text with an invalid
 * escape (it built an empty Compose card), wrong types in names and descriptions (blamed on "a flocode bug"),
 * values JSON cannot hold (a cycle printed a three-line internal error, deep nesting overflowed the stack).
 */
const dir = mkdtempSync(join(tmpdir(), "flocode-clean-messages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = `import { compose, connection, flow, folder, manual, pack, table } from "flocode";\nimport { kernel } from "flocode/cards";\n`;
const CASES: Array<[string, string, string]> = [
  [
    "compose-escape",
    "export default flow({ name: 'X', trigger: manual() }, (f) => { f.add(compose`C:\\users\\xyz`); });",
    String.raw`3:70: compose: invalid escape sequence in the text "C:\\users\\xyz": write \\ for a backslash (C:\\users)`,
  ],
  [
    "description-number",
    "export default flow({ name: 'D', description: 42 as any, trigger: manual() });",
    `3:16: flow "D": description must be a string, got number 42`,
  ],
  [
    "description-cycle",
    "const o: any = {}; o.self = o;\nexport default flow({ name: 'C', description: o, trigger: manual() });",
    `4:16: flow "C": description must be a string, got an object`,
  ],
  [
    "name-number",
    "export default flow({ name: 7 as any, trigger: manual() });",
    `3:16: flow() needs a name (a non-empty string), got number 7`,
  ],
  [
    "save-all-data",
    "export default flow({ name: 'S', saveAllData: 'yes' as any, trigger: manual() });",
    `3:16: flow "S": saveAllData must be true or false, got the string "yes"`,
  ],
  [
    "folder-name",
    "const f = folder(['x'] as any);\nexport default flow({ name: 'F', trigger: manual() });",
    `3:11: folder() needs a name (a non-empty string), got an array`,
  ],
  [
    "table-description",
    "const t = table('T', { description: 5 as any, columns: { A: 'string' } });\nexport default flow({ name: 'T', trigger: manual() });",
    `3:11: table "T": description must be a string, got number 5`,
  ],
  [
    "connection-name",
    "const c = connection(null as any, 'okta');\nexport default flow({ name: 'N', trigger: manual() });",
    `3:11: connection() needs a name (the connection's label in Okta, a non-empty string), got null`,
  ],
  [
    "patch-cycle",
    "const o: any = {}; o.self = o;\nexport default flow({ name: 'P', trigger: manual() }, (f) => { f.add(kernel.string.toLowerCase({ string: 'x', patch: { foo: o } } as any)); });",
    `4:84: root:kernel:string:0.0.1:toLowerCase: property patch.foo.self refers to itself (a cycle): JSON cannot hold it`,
  ],
  [
    "patch-deep",
    "let o: any = 1; for (let i = 0; i < 100000; i++) o = { a: o };\nexport default flow({ name: 'Q', trigger: manual() }, (f) => { f.add(kernel.string.toLowerCase({ string: 'x', patch: { foo: o } } as any)); });",
    `4:84: root:kernel:string:0.0.1:toLowerCase: property patch.foo.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.….a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a nests deeper than 128 levels`,
  ],
  [
    "patch-bigint",
    "export default flow({ name: 'B', trigger: manual() }, (f) => { f.add(kernel.string.toLowerCase({ string: 'x', patch: { n: 10n } } as any)); });",
    `3:84: root:kernel:string:0.0.1:toLowerCase: property patch.n is a bigint: JSON numbers are doubles (write it as a number or a string)`,
  ],
  [
    "pack-raw-map",
    "export default pack({ flows: [flow({ name: 'M', trigger: manual() })], raw: { projectOverview: new Map() } as any });",
    `3:16: pack(): raw.projectOverview is a Map, not a plain object: JSON would not keep it`,
  ],
];

describe("clean messages for mistakes in flow files (one build process)", () => {
  it("each is one line naming the file, line and column; no internal error, no 'flocode bug'", () => {
    for (const [name, body] of CASES) writeFileSync(join(dir, `${name}.flow.ts`), HEAD + body + "\n");
    expect(readdirSync(dir)).toHaveLength(CASES.length);
    const r = runCli(["build", dir, "--out", join(dir, "out"), "--no-checklist"]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|flocode bug|Maximum call stack|\n\s+at /);
    for (const [name, , expected] of CASES) expect(r.stderr, name).toContain(`flocode: ${join(dir, `${name}.flow.ts`)}:${expected}\n`);
    expect(r.stderr).toContain(`build failed: ${CASES.length} mistakes in ${CASES.length} of ${CASES.length} targets; nothing was written`);
  }, 120_000);
});

describe("plainValueProblem", () => {
  it("takes JSON values, shared (not cyclic) objects and flocode's own values", () => {
    const shared = { a: 1 };
    expect(plainValueProblem({ x: [shared, shared], y: null, z: "s", n: -0.5, u: undefined }, "v")).toBeUndefined();
    expect(plainValueProblem(Object.freeze({ kind: "ref", node: {} as unknown }), "v")).toBeUndefined();
  });

  it("names the path of what JSON cannot hold", () => {
    expect(plainValueProblem({ a: [1, NaN] }, "v")).toBe("v.a[1] is NaN: JSON numbers are finite");
    expect(plainValueProblem({ f: () => 1 }, "v")).toBe("v.f is a function, not a value");
    expect(plainValueProblem({ d: new Date(0) }, "v")).toBe("v.d is a Date, not a plain object: JSON would not keep it");
    const list: unknown[] = [];
    list.push({ back: list });
    expect(plainValueProblem(list, "v")).toBe("v[0].back refers to itself (a cycle): JSON cannot hold it");
  });
});

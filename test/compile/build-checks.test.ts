/**
 * What the build checks that types cannot (values from JavaScript files or computed at run time), and how it
 * reports mistakes: every independent mistake of a target in one build, in source order, each once, at
 * `file:line:col`, with the allowed values and the nearest match; syntax errors and JavaScript errors at their
 * place; `--json` prints them; nothing is written.
 *
 * The fixture pack test/fixtures/bad-flows/all-at-once marks each mistaken line `// ✗ "<call>" <pattern>`: the error
 * points at that call (`<call>(` on the line) and its message matches the pattern. Several marks may share a line.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/cli.js";

const PACK = join(REPO, "test/fixtures/bad-flows/all-at-once");

interface Expected {
  file: string;
  line: number;
  column: number;
  pattern: RegExp;
}

function expectedMistakes(): Expected[] {
  const out: Expected[] = [];
  for (const name of readdirSync(PACK).sort()) {
    const file = join(PACK, name);
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((text, i) => {
        const marks = text.split(" // ✗ ").slice(1).join(" ✗ ").split(" ✗ ");
        if (marks[0] === "") return;
        for (const mark of marks) {
          const m = /^"([^"]+)" (.*)$/.exec(mark);
          if (!m) throw new Error(`${file}:${i + 1}: a mark is "<call>" <pattern>`);
          const column = text.indexOf(`${m[1]!}(`) + 1;
          if (column === 0) throw new Error(`${file}:${i + 1}: no call ${m[1]}( on the line`);
          out.push({ file, line: i + 1, column, pattern: new RegExp(m[2]!) });
        }
      });
  }
  return out;
}

/** The mistake lines of a failed build's stderr: `flocode: file:line:col: message`. */
function mistakeLines(stderr: string): Array<{ file: string; line: number; column: number; message: string }> {
  return stderr
    .split("\n")
    .map((l) => /^flocode: (.+?):(\d+):(\d+): (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: m[4]! }));
}

describe("a build reports every mistake of a target at once", () => {
  const expected = expectedMistakes();

  it("has one mark per mistake in its fixture", () => {
    expect(expected.length).toBeGreaterThanOrEqual(18);
  });

  it("each at file:line:col with the allowed values and the nearest match, in source order, no cascade, nothing written", () => {
    const out = join(mkdtempSync(join(tmpdir(), "flocode-checks-")), "out");
    const r = runCli(["build", PACK, "--out", out, "--no-checklist"]);
    expect(r.status).toBe(1);
    const lines = mistakeLines(r.stderr);
    const unmatched = expected.filter(
      (e) => !lines.some((l) => l.file === e.file && l.line === e.line && l.column === e.column && e.pattern.test(l.message)),
    );
    expect(unmatched.map((e) => `${e.file}:${e.line}:${e.column} ${e.pattern.source}`)).toEqual([]);
    // Nothing else: no second report of one root cause (the If/Else right operand, the misspelled helper parameter).
    expect(lines).toHaveLength(expected.length);
    const order = (a: { file: string; line: number; column: number }) =>
      `${a.file}\u0000${String(a.line).padStart(6)}\u0000${String(a.column).padStart(6)}`;
    expect(lines.map(order)).toEqual([...lines.map(order)].sort());
    expect(r.stderr).toContain(`flocode: build failed: ${expected.length} mistakes in 1 of 1 target; nothing was written`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("build --json prints them: target, file, line, column and message of each", () => {
    const out = join(mkdtempSync(join(tmpdir(), "flocode-checks-")), "out");
    const r = runCli(["build", PACK, "--out", out, "--json", "--no-checklist"]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as { ok: boolean; errors: Array<Record<string, unknown>>; summary: string };
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(expected.length);
    for (const e of expected) {
      expect(
        result.errors.some(
          (x) =>
            x.target === "all-at-once" &&
            x.file === e.file &&
            x.line === e.line &&
            x.column === e.column &&
            e.pattern.test(String(x.message)),
        ),
        `${e.file}:${e.line}:${e.column}`,
      ).toBe(true);
    }
    expect(result.summary).toMatch(/nothing was written$/);
    expect(existsSync(out)).toBe(false);
  });
});

/** Writes `files` into a fresh folder and builds its `main.flow.ts`. */
function buildSource(files: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "flocode-src-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const file = join(dir, "main.flow.ts");
  const out = join(dir, "out");
  return { file, out, r: runCli(["build", file, "--out", out, "--no-checklist", ...args]) };
}

describe("mistakes that stop a flow file are reported at their place", () => {
  it("a syntax error: the compiler's message and position", () => {
    const { file, out, r } = buildSource({
      "main.flow.ts":
        'import { flow, manual } from "flocode";\n\nexport default flow({ name: "S", trigger: manual() }, (f) => {\n  const x = ;\n});\n',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`flocode: ${file}:4:13: syntax error: Unexpected ";"\n`);
    expect(r.stderr).not.toContain("Transform failed");
    expect(existsSync(out)).toBe(false);
  });

  it("a misspelled card factory, at its call, with the factory meant", () => {
    const { file, r } = buildSource({
      "main.flow.ts": [
        'import { connection, flow, manual } from "flocode";',
        'import { kernel, office365admin } from "flocode/cards";',
        'const m365 = connection("Office 365 Admin", "office365admin");',
        'export default flow({ name: "T", trigger: manual() }, (f) => {',
        "  // @ts-expect-error: misspelled",
        "  f.add(office365admin.getLicences({ connection: m365 }));",
        "});",
        "export const other = () => kernel.string.toLowercase;",
      ].join("\n"),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `flocode: ${file}:6:24: office365admin.getLicences is not a function: office365admin has no card "getLicences"; did you mean "getLicenses"?\n`,
    );
  });

  it("a misspelled name imported from flocode, with the name meant", () => {
    const { file, r } = buildSource({
      "main.flow.ts":
        'import { flow, manual } from "flocode";\nimport { offce365admin } from "flocode/cards";\nexport default flow({ name: "T", trigger: manual() }, () => void offce365admin);\n',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `flocode: ${file}:2:1: The requested module 'flocode/cards' does not provide an export named 'offce365admin'; did you mean "office365admin"?\n`,
    );
  });

  it("a JavaScript error in the flow file's own code is the user's mistake, at its place (exit 1, not an internal error)", () => {
    const { file, r } = buildSource({
      "main.flow.ts": [
        'import { flow, manual } from "flocode";',
        "const settings: any = undefined;",
        'export default flow({ name: "T", trigger: manual() }, (f) => {',
        "  f.comment(settings.title);",
        "});",
      ].join("\n"),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`flocode: ${file}:4:22: Cannot read properties of undefined (reading 'title')\n`);
    expect(r.stderr).not.toContain("internal error");
  });

  it("each flow of a target is recorded past a mistake that stops another's body", () => {
    const source = [
      'import { flow, helperFlow, schedule } from "flocode";',
      'import { kernel } from "flocode/cards";',
      'const helper = flow({ name: "H", trigger: helperFlow({ params: { x: "string" } }) }, () => {',
      '  throw new Error("stopped here");',
      "});",
      'export default flow({ name: "T", trigger: schedule.daily({ at: "25:00", timeZone: "UTC" }) }, (f) => {',
      '  f.add(kernel.control.spawn({ flo: helper, customInputs: [{ key: "x", type: "string", value: "a" }] }));',
      "  f.add(kernel.string.toLowerCase({ string: 42 as never }));",
      "});",
    ];
    const { file, r } = buildSource({ "main.flow.ts": source.join("\n") });
    const at = (line: number, call: string) => `${file}:${line}:${source[line - 1]!.indexOf(call) + 1}`;
    expect(r.status).toBe(1);
    expect(mistakeLines(r.stderr).map((l) => `${l.file}:${l.line}:${l.column} ${l.message}`)).toEqual([
      `${at(4, "new Error")} stopped here`,
      `${at(6, "daily(")} invalid time "25:00": write "HH:MM" on a 24-hour clock, from "00:00" to "23:59"`,
      `${at(8, "toLowerCase(")} To Lower Case (root:kernel:string:0.0.1:toLowerCase): property "string" must be a string, got number 42`,
    ]);
  });
});

describe("a helper flow used only inside an inline flow", () => {
  it("is found and built into the flopack (an If Error block's For Each calling it)", () => {
    const dir = mkdtempSync(join(tmpdir(), "flocode-inline-helper-"));
    mkdirSync(join(dir, "out"));
    const { out, r } = buildSource({
      "main.flow.ts": [
        'import { flow, helperFlow, manual } from "flocode";',
        'import { kernel } from "flocode/cards";',
        'const post = flow({ name: "Post", trigger: helperFlow({ params: { text: "string" } }) }, (f) => {',
        "  f.add(kernel.string.toLowerCase({ string: f.trigger.text }));",
        "});",
        'export default flow({ name: "Main", trigger: manual() }, (f) => {',
        "  f.ifError(",
        '    (t) => void t.add(kernel.string.toLowerCase({ string: "X" })),',
        '    (e) => void e.add(kernel.list.each({ list: ["a"], flo: post, concurrency: 1, customInputs: [{ key: "text", type: "string", fromItem: "" }] })),',
        "  );",
        "});",
      ].join("\n"),
    });
    expect(r.status, r.stderr).toBe(0);
    const pack = JSON.parse(readFileSync(join(out, "main.flow"), "utf8")) as { data: { flos: Record<string, { name: string }> } };
    expect(
      Object.values(pack.data.flos)
        .map((f) => f.name)
        .sort(),
    ).toEqual(["Main", "Post"]);
  });
});

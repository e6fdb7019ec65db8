import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import ts from "typescript";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The generated factories' types, and the Tables cards typed by their table's columns. */
const FIXTURES = ["factory-types.ts", "table-types.ts"];

function compile(files: string[]): readonly ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}/tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program);
}

function format(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName ?? ""}:${pos ? pos.line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe.each(FIXTURES)("factory types (fixtures/%s)", (name) => {
  const fixture = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

  it("accept what Okta accepts and reject the rest (every @ts-expect-error is an error, nothing else is)", () => {
    expect(format(compile([fixture]))).toEqual([]);
  });

  it("the expected errors are real errors (the fixture without its @ts-expect-error lines fails)", async () => {
    const { readFileSync, writeFileSync, mkdtempSync, rmSync } = await import("node:fs");
    const text = readFileSync(fixture, "utf8");
    const expected = text.split("\n").filter((l) => l.startsWith("// @ts-expect-error")).length;
    expect(expected).toBeGreaterThan(0);
    const dir = mkdtempSync(`${root}/test/cards/fixtures/.tmp-`);
    try {
      const copy = `${dir}/stripped.ts`;
      writeFileSync(copy, text.replace(/^\/\/ @ts-expect-error.*$/gm, "//").replace(/"\.\.\/\.\.\/\.\.\//g, '"../../../../'));
      const errors = compile([copy]).filter((d) => d.file?.fileName.endsWith("/stripped.ts"));
      const lines = new Set(errors.map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line));
      expect(lines.size).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Printing and formatting generated files. ts-morph is slow to start, so one Project is created lazily and
 * reused for every file of every import.
 */
import { Project, ts } from "ts-morph";

let shared: Project | undefined;

function project(): Project {
  shared ??= new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return shared;
}

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });

/**
 * Prints statements (a blank line between groups) with 2-space indents, ending with one newline. The printer
 * writes 4-space indents and keeps every string and comment on one line, so re-indenting is a per-line prefix
 * rewrite (much faster than running the formatter over every file).
 */
export function printFile(path: string, header: readonly string[], groups: ReadonlyArray<readonly ts.Statement[]>): string {
  const scratch = ts.createSourceFile(path, "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parts = groups
    .filter((g) => g.length > 0)
    .map((g) => g.map((s) => printer.printNode(ts.EmitHint.Unspecified, s, scratch)).join("\n"));
  const body = parts.join("\n\n").replace(/^( {4})+/gm, (indent) => " ".repeat(indent.length / 2));
  return `${header.join("\n")}${header.length > 0 ? "\n" : ""}${body}\n`;
}

/** Formats a file with ts-morph's formatter (kept for callers that need its full formatting). */
export function formatWithTsMorph(path: string, text: string): string {
  const file = project().createSourceFile(`/${path.replace(/[^A-Za-z0-9._-]/g, "_")}`, text, { overwrite: true });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const out = file.getFullText();
  project().removeSourceFile(file);
  return out;
}

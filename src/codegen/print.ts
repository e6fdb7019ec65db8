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

/** Prints statements (blank line between groups), formats with 2-space indents, ends with one newline. */
export function printFile(path: string, header: readonly string[], groups: ReadonlyArray<readonly ts.Statement[]>): string {
  const scratch = ts.createSourceFile(path, "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parts = groups
    .filter((g) => g.length > 0)
    .map((g) => g.map((s) => printer.printNode(ts.EmitHint.Unspecified, s, scratch)).join("\n"));
  const text = `${header.join("\n")}${header.length > 0 ? "\n" : ""}${parts.join("\n\n")}\n`;
  const file = project().createSourceFile(`/${path.replace(/[^A-Za-z0-9._-]/g, "_")}`, text, { overwrite: true });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const out = file.getFullText();
  project().removeSourceFile(file);
  return out;
}

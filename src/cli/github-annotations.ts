/**
 * GitHub Actions workflow commands (`--format github`): one line per finding, `::error file=…,line=…,col=…,
 * title=…::message`, which GitHub shows as an annotation on that line of the pull request.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { isAbsolute, relative } from "node:path";
import type { Finding } from "../util/finding.js";

export interface Annotation {
  level: "error" | "warning" | "notice";
  message: string;
  file?: string;
  line?: number;
  column?: number;
  title?: string;
}

/** The one-line workflow command of an annotation. */
export function githubAnnotation(a: Annotation): string {
  const props: Array<[string, string]> = [];
  if (a.file !== undefined) props.push(["file", workspacePath(a.file)]);
  if (a.line !== undefined) props.push(["line", String(a.line)]);
  if (a.column !== undefined) props.push(["col", String(a.column)]);
  if (a.title !== undefined) props.push(["title", a.title]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
  return `::${a.level}${list === "" ? "" : ` ${list}`}::${escapeData(a.message)}`;
}

/** A validation finding as an annotation: the rule's code and slug as its title, the JSON pointer in its text. */
export function findingAnnotation(f: Finding): string {
  const position = f.source?.line !== undefined ? { line: f.source.line, ...(f.source.column ? { column: f.source.column } : {}) } : {};
  return githubAnnotation({
    level: f.severity === "warning" ? "warning" : "error",
    ...((f.source?.file ?? f.file) ? { file: (f.source?.file ?? f.file)! } : {}),
    ...position,
    title: [f.code, f.slug].filter((s) => s !== "").join(" "),
    message: `${f.pointer || "/"}: ${f.message}`,
  });
}

/** The message of a command: `%`, CR and LF escaped (GitHub's own toolkit does the same). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: as the message, and `:` and `,` too (they delimit properties). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub matches annotation files against the repository's paths: relative to the working folder (the checkout). */
function workspacePath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

/**
 * What `flocode init` does to a folder, decided before anything is written: each file is created, left
 * unchanged, kept as the user has it (it differs; `--force` replaces it), merged (lines or package.json keys
 * added) or overwritten (`--force`). Pure: the folder is seen through `read`, so a plan is the same for the same
 * files, and running init twice plans nothing the second time.
 */
import { mergePackageJson, type ToolVersions } from "./package-json.js";
import {
  EXAMPLE_FLOW,
  EXAMPLE_FLOW_PATH,
  EXAMPLE_TEST,
  EXAMPLE_TEST_PATH,
  GITATTRIBUTES_LINES,
  GITIGNORE_LINES,
  TSCONFIG,
  WORKFLOW,
  WORKFLOW_PATH,
} from "./templates.js";

export type FileStatus = "created" | "unchanged" | "kept" | "merged" | "overwritten";

export interface PlannedFile {
  /** Relative to the folder, with forward slashes. */
  path: string;
  status: FileStatus;
  /** The new content, for the statuses that write (created, merged, overwritten). */
  content?: string;
  /** What was added, or what was kept and why. */
  note?: string;
}

export interface InitOptions {
  force: boolean;
  /** The name of a package.json init creates. */
  projectName: string;
  versions: ToolVersions;
}

/** Reads a file of the folder: its text, or undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

export function planInit(read: ReadFile, options: InitOptions): PlannedFile[] {
  return [
    mergePackageJson(read("package.json"), options),
    whole("tsconfig.json", TSCONFIG, read, options.force),
    whole(EXAMPLE_FLOW_PATH, EXAMPLE_FLOW, read, options.force),
    whole(EXAMPLE_TEST_PATH, EXAMPLE_TEST, read, options.force),
    lines(".gitattributes", GITATTRIBUTES_LINES, read),
    lines(".gitignore", GITIGNORE_LINES, read),
    whole(WORKFLOW_PATH, WORKFLOW, read, options.force),
  ];
}

/** A file init owns whole: created when missing, never replaced without `--force`. */
function whole(path: string, content: string, read: ReadFile, force: boolean): PlannedFile {
  const existing = read(path);
  if (existing === undefined) return { path, status: "created", content };
  if (normalizeEol(existing) === content) return { path, status: "unchanged" };
  if (force) return { path, status: "overwritten", content };
  return { path, status: "kept", note: "differs: use --force to replace it" };
}

/** A file of lines (.gitattributes, .gitignore): the missing lines are appended, the user's lines stay. */
function lines(path: string, wanted: readonly string[], read: ReadFile): PlannedFile {
  const existing = read(path);
  if (existing === undefined) return { path, status: "created", content: `${wanted.join("\n")}\n` };
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = wanted.filter((l) => !have.has(l));
  if (missing.length === 0) return { path, status: "unchanged" };
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const base = existing === "" || existing.endsWith("\n") ? existing : `${existing}${eol}`;
  return { path, status: "merged", content: `${base}${missing.join(eol)}${eol}`, note: `added ${missing.join(", ")}` };
}

function normalizeEol(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

/** The statuses that write a file. */
export function writes(file: PlannedFile): file is PlannedFile & { content: string } {
  return file.content !== undefined;
}

/** A package name from a folder name (npm's rules: lower case, URL-safe, at most 214 characters). */
export function packageNameFor(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "")
    .slice(0, 214);
  return name === "" ? "flows" : name;
}

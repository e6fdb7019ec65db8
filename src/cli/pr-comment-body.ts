/**
 * The body of flocode's pull-request comment: for each built file under dist/ that differs from the base commit,
 * the Markdown diff (`flocode diff --format markdown`) and the Mermaid graph of each changed flow. The base
 * versions are read from git (`git show <base>:<path>`), parsed as JSON only: nothing from either side runs.
 */
import { spawnSync } from "node:child_process";
import { parseFlopackText, readFlopackFile } from "../format/parse.js";
import { MAX_COMMENT_CHARS } from "../github/comments.js";
import { COMMENT_MARKER } from "../init/templates.js";
import { diffPacks } from "../review/diff.js";
import { formatDiffMarkdown } from "../review/diff-format.js";
import { graphModel, renderMermaid } from "../review/graph.js";
import { buildPackView } from "../review/pack-view.js";
import type { PackView } from "../review/view-types.js";
import { UserError } from "../util/errors.js";
import { formatFinding } from "../util/finding.js";

const EXPORT = /\.(flow|folder|flopack)$/;
/** Mermaid's default maxTextSize, which GitHub keeps. */
const MERMAID_MAX_TEXT = 50_000;

export interface ChangedExport {
  path: string;
  status: "added" | "modified" | "removed";
}

export interface CommentBody {
  body: string;
  changed: ChangedExport[];
}

function git(args: readonly string[], cwd: string): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.error) throw new UserError(`git ${args[0]}: cannot run git (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, 2);
  if (r.status !== 0) throw new UserError(`git ${args.join(" ")}: ${r.stderr.trim().split("\n")[0] ?? `exit ${r.status}`}`, 2);
  return r.stdout;
}

/** The exports under `dist` that differ between the base commit and the working tree. */
export function changedExports(base: string, dist: string, cwd: string): ChangedExport[] {
  const out = git(["diff", "--name-status", "--no-renames", "--relative", base, "--", dist], cwd);
  const changed: ChangedExport[] = [];
  for (const line of out.split("\n")) {
    const [code, path] = line.split("\t");
    if (code === undefined || path === undefined || !EXPORT.test(path)) continue;
    changed.push({ path, status: code === "A" ? "added" : code === "D" ? "removed" : "modified" });
  }
  return changed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function viewAt(base: string, path: string, cwd: string): PackView {
  const text = git(["show", `${base}:./${path}`], cwd);
  return parsed(parseFlopackText(text, `${path} (base)`), `${path} (base)`);
}

function viewOf(path: string, cwd: string): PackView {
  return parsed(readFlopackFile(`${cwd}/${path}`), path);
}

function parsed(result: ReturnType<typeof readFlopackFile>, label: string): PackView {
  if (!result.ok) {
    const first = result.findings[0];
    throw new UserError(first ? formatFinding({ ...first, file: label }) : `${label}: not a valid export`, 2);
  }
  return buildPackView(result.flopack);
}

function mermaid(view: PackView, flow: string): string {
  const full = renderMermaid(graphModel(view, { flow, wires: true }));
  if (full.length <= MERMAID_MAX_TEXT) return full;
  return renderMermaid(graphModel(view, { flow, wires: false }));
}

function graphs(view: PackView, flows: readonly string[]): string {
  return flows
    .filter((name) => view.flows.some((f) => f.name === name))
    .map((name) => {
      const text = mermaid(view, name);
      const body =
        text.length <= MERMAID_MAX_TEXT
          ? `\`\`\`mermaid\n${text.trimEnd()}\n\`\`\``
          : `(too large for GitHub's Mermaid: run \`flocode graph --flow ${JSON.stringify(name)}\`)`;
      return `<details open><summary>Graph of ${escapeHtml(name)}</summary>\n\n${body}\n\n</details>\n`;
    })
    .join("\n");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One section per changed export; the whole body within GitHub's limit (graphs go first, then the tail). */
export function composeCommentBody(base: string, dist: string, cwd: string): CommentBody {
  const changed = changedExports(base, dist, cwd);
  const head = `${COMMENT_MARKER}\n## flocode: ${changed.length === 0 ? "no flow changed" : `${changed.length} changed export${changed.length === 1 ? "" : "s"}`}\n\n`;
  const short = base.length >= 40 ? base.slice(0, 7) : base;
  const diffs: string[] = [];
  const pictures: string[] = [];
  for (const c of changed) {
    const title = `### \`${c.path}\`: ${c.status}\n\n`;
    if (c.status === "removed") {
      diffs.push(`${title}Removed from \`${dist}\`.\n`);
      pictures.push("");
      continue;
    }
    const after = viewOf(c.path, cwd);
    if (c.status === "added") {
      diffs.push(`${title}New: ${after.flows.map((f) => `\`${f.name}\``).join(", ")}.\n`);
      pictures.push(
        graphs(
          after,
          after.flows.map((f) => f.name),
        ),
      );
      continue;
    }
    const result = diffPacks(viewAt(base, c.path, cwd), after);
    // the section's title names the file; the diff's own heading would say it again
    const diff = formatDiffMarkdown(result, `${short}:${c.path}`, c.path).replace(/^### [^\n]*\n\n/, "");
    diffs.push(`${title}Against the base \`${short}\`: ${diff}`);
    const flows = [...new Set(result.changes.flatMap((ch) => (ch.flow !== undefined ? [ch.flow] : [])))];
    pictures.push(graphs(after, flows));
  }
  const full = head + diffs.map((d, i) => `${d}\n${pictures[i] ?? ""}`).join("\n");
  if (full.length <= MAX_COMMENT_CHARS) return { body: full, changed };
  const note = "\n\n_Graphs left out: the comment would pass GitHub's 65,536 characters. Run `flocode graph` on the files._\n";
  const withoutGraphs = head + diffs.join("\n") + note;
  if (withoutGraphs.length <= MAX_COMMENT_CHARS) return { body: withoutGraphs, changed };
  const cut = "\n\n_Cut to fit GitHub's 65,536 characters: run `flocode diff` on the files for the rest._\n";
  return { body: withoutGraphs.slice(0, MAX_COMMENT_CHARS - cut.length) + cut, changed };
}

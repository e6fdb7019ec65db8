/** Renderers for a DiffResult: plain text (one line a change) and Markdown for a PR comment. */
import type { Change, DiffResult } from "./diff-types.js";

const SIGN: Record<string, string> = { added: "+", removed: "-" };

export function formatDiffText(result: DiffResult, a: string, b: string): string {
  if (result.equal) return "";
  const lines = [`--- ${a}`, `+++ ${b}`];
  for (const c of result.changes) lines.push(`${SIGN[c.kind] ?? "~"} ${oneLine(c.message)}`);
  return lines.join("\n") + "\n";
}

export function formatDiffMarkdown(result: DiffResult, a: string, b: string): string {
  const head = `### flocode diff: ${code(a)} → ${code(b)}\n\n`;
  if (result.equal) return `${head}No semantic differences.\n`;
  const groups = new Map<string, Change[]>();
  for (const c of result.changes) {
    const key =
      c.flow !== undefined
        ? `Flow ${code(c.flow)}`
        : c.subject === "table"
          ? "Tables"
          : c.subject === "connection"
            ? "Connections"
            : "Folders";
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(c);
  }
  const flows = new Set(result.changes.filter((c) => c.flow !== undefined).map((c) => c.flow)).size;
  let out = `${head}**${result.changes.length} change${result.changes.length === 1 ? "" : "s"}**${flows ? ` in ${flows} flow${flows === 1 ? "" : "s"}` : ""}.\n`;
  for (const [title, changes] of groups) {
    out += `\n#### ${title}\n\n`;
    for (const c of changes) out += `- ${SIGN[c.kind] === "+" ? "➕" : SIGN[c.kind] === "-" ? "➖" : "✏️"} ${code(stripFlow(c))}\n`;
  }
  return out;
}

function stripFlow(c: Change): string {
  const prefix = c.flow !== undefined ? `flow ${JSON.stringify(c.flow)}: ` : "";
  return oneLine(c.message.startsWith(prefix) ? c.message.slice(prefix.length) : c.message);
}

function oneLine(s: string): string {
  // Messages carry JSON-quoted values; guard against raw control characters from names anyway.
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A Markdown code span that no backtick run, HTML or Markdown syntax in the text can break out of. */
export function code(text: string): string {
  const flat = oneLine(text);
  const runs = flat.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

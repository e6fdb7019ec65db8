/**
 * A simulated run as text, card by card, the way Okta's Execution History lists a run: each card with its
 * inputs and outputs, helper flows and blocks indented under the card that ran them, then how the run ended.
 */
import type { SimulationResult } from "./simulate.js";
import type { TraceEntry } from "./trace.js";

const MAX_VALUE = 160;

export function formatHistory(result: SimulationResult): string {
  const lines: string[] = [`${result.flow} (${result.trigger} flow), simulated from ${result.trace[0]?.at ?? "the start"}`];
  let previous: readonly string[] = [];
  result.trace.forEach((entry, i) => {
    const depth = entry.path.length;
    if (depth > 0 && !samePath(previous, entry.path))
      lines.push(`${indent(depth)}▸ ${entry.path.at(-1)}${entry.flow !== result.flow ? ` (flow "${entry.flow}")` : ""}`);
    previous = entry.path;
    lines.push(`${indent(depth)}${String(i + 1).padStart(3)}. ${entry.card}  [${describe(entry)}]`);
    for (const [k, v] of Object.entries(entry.inputs)) lines.push(`${indent(depth)}       in   ${k} = ${show(v)}`);
    for (const [k, v] of Object.entries(entry.outputs)) lines.push(`${indent(depth)}       out  ${k} = ${show(v)}`);
    if (entry.error) lines.push(`${indent(depth)}       error ${entry.error.code}: ${entry.error.message}`);
    if (entry.note) lines.push(`${indent(depth)}       note ${entry.note}`);
  });
  lines.push("", ending(result));
  if (Object.keys(result.outputs).length > 0) lines.push(`Outputs: ${show(result.outputs, 2000)}`);
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n") + "\n";
}

function describe(entry: TraceEntry): string {
  const parts = [entry.type];
  if (entry.mock) parts.push(`mocked: ${entry.mock}`);
  if (entry.status !== "ok") parts.push(entry.status);
  return parts.join(", ");
}

function ending(result: SimulationResult): string {
  const ran = `${result.trace.length} card${result.trace.length === 1 ? "" : "s"} ran, ${result.calls.length} mocked call${result.calls.length === 1 ? "" : "s"}`;
  switch (result.status) {
    case "completed":
      return `Completed: ${ran}.`;
    case "stopped":
      return `Stopped by Continue If${result.stopMessage ? `: ${result.stopMessage}` : ""} (${ran}).`;
    case "failed": {
      const e = result.error;
      const where = e?.card !== undefined ? ` at card "${e.card}"${e.flow !== result.flow ? ` of flow "${e.flow}"` : ""}` : "";
      return `Failed${where}: ${e?.message ?? "error"}${e?.okta ? ` (code ${e.okta.code})` : ""} (${ran}).`;
    }
    default:
      return `Incomplete: ${result.error?.message ?? "the simulation stopped"} (${ran}).`;
  }
}

function indent(depth: number): string {
  return "  ".repeat(depth);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function show(value: unknown, max = MAX_VALUE): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

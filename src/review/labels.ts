/**
 * The names a reviewer reads: card labels (display name, duplicates numbered by execution position), entry labels
 * (the key, or the display name of a generated key, qualified by group where a key repeats), If/ElseIf group labels.
 */
import { isKernel } from "./address.js";
import { sortedEntries } from "./entries.js";
import { get, getPath, str } from "./json.js";
import type { FlowContext, PackContext } from "./view-context.js";
import type { Card } from "./view-types.js";

/** Numbers the shown cards of a flow by execution position and labels them; aliases read as the card they stand for. */
export function assignLabels(flow: FlowContext): Card[] {
  const shown = flow.order.filter((c) => c.pos !== -1);
  const count = new Map<string, number>();
  shown.forEach((card, i) => {
    card.pos = i;
    const base = card.name === "" ? `(unnamed ${card.kind.connector} ${card.kind.action})` : card.name;
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    card.label = n === 1 ? base : `${base} #${n}`;
  });
  for (const card of flow.order) {
    const target = flow.pack.aliases.get(card);
    if (target) card.label = target.label;
  }
  return shown;
}

/** Keys the UI generates for unnamed fields (list Construct items, Compose tokens...): short random ids. */
const GENERATED_KEY = /^(?=[A-Za-z0-9_-]*[0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{8,12}$/;

/** What the UI calls an entry: its key, or its display name when the key is a generated token. */
function entryName(e: unknown): string {
  const key = str(get(e, "key")) ?? "?";
  const display = str(getPath(e, "metadata", "displayname"));
  return display !== undefined && display.trim() !== "" && GENERATED_KEY.test(key) ? display.trim() : key;
}

/** Labels for entries: the key, or `group/key` when the key repeats on the card, numbered if still equal. */
export function entryLabels(list: unknown[], groupLabel: (g: string | undefined) => string | undefined): Map<unknown, string> {
  const keyCount = new Map<string, number>();
  for (const e of list) {
    const k = entryName(e);
    keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
  }
  const labels = new Map<unknown, string>();
  const used = new Map<string, number>();
  for (const e of list) {
    const k = entryName(e);
    const g = groupLabel(str(get(e, "group")));
    let label = (keyCount.get(k) ?? 0) > 1 && g !== undefined ? `${g}/${k}` : k;
    const n = (used.get(label) ?? 0) + 1;
    used.set(label, n);
    if (n > 1) label = `${label} #${n}`;
    labels.set(e, label);
  }
  return labels;
}

/** Labels of a card's outputs (sorted), computed once per build. */
export function outputLabels(pack: PackContext, outputs: unknown[]): Map<unknown, string> {
  let labels = pack.outputLabels.get(outputs);
  if (labels === undefined) pack.outputLabels.set(outputs, (labels = entryLabels(outputs, (g) => g)));
  return labels;
}

/** How an input group reads in an input label: If/ElseIf groups by their branch label, others as they are. */
export function inputGroupLabeler(pack: PackContext, card: Card, m: unknown): (g: string | undefined) => string | undefined {
  const branchLabels = isKernel(card.kind, "control", "branch") ? branchGroupLabels(pack, m) : null;
  return (g) => (g === undefined ? undefined : branchLabels ? (branchLabels.get(g) ?? g) : g);
}

/** If/ElseIf groups: "if", "else if 1".., "else" (else-if groups have random ids, never shown). */
export function branchGroupLabels(pack: PackContext, m: unknown): Map<string, string> {
  const rules = getPath(m, "node", "model", "inputs", "groupRules");
  const firstIndex = new Map<string, number>();
  for (const entry of sortedEntries(pack, getPath(m, "node", "model", "inputs", "data"))) {
    const g = str(get(entry, "group"));
    if (g === undefined || g === "context" || g === "parameters" || firstIndex.has(g)) continue;
    firstIndex.set(g, firstIndex.size);
  }
  const groups = [...firstIndex.keys()].filter((g) => g !== "if" && g !== "else");
  const ruleIndex = (g: string) => {
    const i = getPath(rules, g, "index");
    return typeof i === "number" ? i : Number.MAX_SAFE_INTEGER;
  };
  groups.sort((a, b) => ruleIndex(a) - ruleIndex(b) || (firstIndex.get(a) ?? 0) - (firstIndex.get(b) ?? 0));
  const labels = new Map<string, string>([
    ["if", "if"],
    ["else", "else"],
  ]);
  groups.forEach((g, i) => labels.set(g, `else if ${i + 1}`));
  return labels;
}

/**
 * The import checklist: what a person must do in Okta after importing a flopack, because the export
 * carries no credentials, no table rows and no on/off state (FLOPACK §2.3, §2.4, §3.9; OKTA-WORKFLOWS §3).
 *
 * Order: flows kept elsewhere to import first (the file holds only their stubs), connections (create/authorize, then add org-level ones to the folder), cards left without a
 * connection, tables to fill, API endpoints whose URL and token change, then turning flows on
 * (scheduled flows last; helper flows need not be turned on).
 */
import type { Flopack } from "../format/envelope.js";
import { compareStrings } from "./json.js";
import { buildPackView } from "./pack-view.js";
import type { Card, FlowView, PackView } from "./view-types.js";

export type ChecklistKind =
  | "remove-connection-data"
  | "external-flow"
  | "connection"
  | "folder-connection"
  | "choose-connection"
  | "table"
  | "api-endpoint"
  | "delegated"
  | "turn-on"
  | "turn-on-scheduled"
  | "helper-flows";

export interface ChecklistItem {
  kind: ChecklistKind;
  /** One line, imperative. */
  text: string;
  /** Supporting lines (where it is used, what to fill). */
  details: string[];
  flows: string[];
  /** `flow › card` for the cards concerned. */
  cards: string[];
  connector?: string;
  connection?: string;
  table?: string;
}

export function checklist(flopack: Flopack): ChecklistItem[] {
  return checklistFromView(buildPackView(flopack));
}

export function checklistFromView(view: PackView): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const folders = [...new Set(view.flows.map((f) => topFolder(f.folder)).filter((f): f is string => f !== null))].sort(compareStrings);

  // First of all: connection data that is not null is a credential the flopack must not carry (never printed).
  for (const c of view.connections)
    if (c.dataDigest !== undefined)
      items.push({
        kind: "remove-connection-data",
        text: `Remove the data of the ${c.connector} connection "${c.name}" from this flopack: it is not null (a credential?), and exports never carry one`,
        details: ["its value is not shown here; flocode validate reports it as FP105 config-no-secrets"],
        flows: c.usedBy,
        cards: [],
        connector: c.connector,
        connection: c.name,
      });
  // Flows the file calls but holds only as stubs: they must be in the org before the calls can resolve.
  for (const x of view.externalFlows) {
    items.push({
      kind: "external-flow",
      text: `Import flow "${x.name}" into the org first: this file holds only its stub (it is kept elsewhere)`,
      details: x.calledBy.length > 0 ? x.calledBy.map((n) => `called by ${n}`) : ["not called by any flow of this file"],
      flows: x.calledBy,
      cards: [],
    });
  }

  // Connections: one item per exported connection, naming every card that uses it.
  const cardsUsing = new Map<string, Array<{ flow: FlowView; card: Card }>>();
  const unassigned = new Map<string, Array<{ flow: FlowView; card: Card }>>();
  for (const flow of view.flows)
    for (const card of flow.cards) {
      if (card.connection === undefined) continue;
      const key = card.connection === null ? card.kind.connector : `${card.kind.connector}\u0000${card.connection}`;
      const map = card.connection === null ? unassigned : cardsUsing;
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push({ flow, card });
    }
  const where = (list: Array<{ flow: FlowView; card: Card }>) => list.map(({ flow, card }) => `${flow.name} › ${card.label}`);
  for (const c of view.connections) {
    const uses = cardsUsing.get(`${c.connector}\u0000${c.name}`) ?? [];
    items.push({
      kind: "connection",
      text: `Create or authorize the ${c.connector} connection "${c.name}" and select it on the cards that use it`,
      details: uses.length > 0 ? where(uses).map((w) => `used by ${w}`) : ["not used by any card"],
      flows: [...new Set(uses.map((u) => u.flow.name))].sort(compareStrings),
      cards: where(uses),
      connector: c.connector,
      connection: c.name,
    });
  }
  if (view.connections.length > 0) {
    items.push({
      kind: "folder-connection",
      text:
        folders.length > 0
          ? `Add each org-level connection (${view.connections.map((c) => `"${c.name}"`).join(", ")}) to the folder ${folders.map((f) => `"${f}"`).join(", ")}`
          : `Add each org-level connection (${view.connections.map((c) => `"${c.name}"`).join(", ")}) to the folder you imported into`,
      details: ["folder-level connections are already visible to the folder's flows"],
      flows: [],
      cards: [],
    });
  }
  for (const [connector, list] of [...unassigned.entries()].sort((a, b) => compareStrings(a[0], b[0]))) {
    items.push({
      kind: "choose-connection",
      text: `Choose a ${connector} connection on ${list.length} card${list.length === 1 ? "" : "s"} that had none when exported`,
      details: where(list),
      flows: [...new Set(list.map((u) => u.flow.name))].sort(compareStrings),
      cards: where(list),
      connector,
    });
  }

  for (const t of view.tables) {
    const users = view.flows.filter((f) => f.cards.some((c) => c.options.some((o) => isTableRef(o.value, t.name)))).map((f) => f.name);
    const sameName = view.tables.filter((u) => u.name === t.name).length > 1;
    items.push({
      kind: "table",
      text: `Fill table "${t.name}"${sameName && t.folder ? ` in folder "${t.folder}"` : ""} if the flows expect rows: rows are not exported (columns: ${t.columns.map((c) => c.name).join(", ") || "none"})`,
      details: users.length > 0 ? users.map((u) => `used by ${u}`) : ["not used by any card"],
      flows: users,
      cards: [],
      table: t.name,
    });
  }

  for (const flow of view.flows) {
    if (flow.triggerKind === "api-endpoint") {
      const how =
        flow.securityLevel === "open"
          ? "a new invoke URL (alias); it is public, anyone with the URL can call it"
          : flow.securityLevel === "high"
            ? "a new invoke URL; callers need a new OAuth 2.0 client authorized for it"
            : "a new invoke URL and a new client token";
      items.push({
        kind: "api-endpoint",
        text: `API endpoint flow "${flow.name}" gets ${how}: update its callers`,
        details: [],
        flows: [flow.name],
        cards: [],
      });
    } else if (flow.triggerKind === "delegated") {
      items.push({
        kind: "delegated",
        text: `Delegated flow "${flow.name}": grant "Run delegated flow" on it through a custom admin role`,
        details: [],
        flows: [flow.name],
        cards: [],
      });
    }
  }

  const helpers = view.flows.filter((f) => f.triggerKind === "helper");
  const scheduled = view.flows.filter((f) => f.triggerKind === "schedule");
  const others = view.flows.filter((f) => f.triggerKind !== "helper" && f.triggerKind !== "schedule");
  for (const flow of others) {
    const what = flow.triggerKind === "manual" ? " (it has no trigger: run it by hand when needed)" : "";
    items.push({ kind: "turn-on", text: `Turn on flow "${flow.name}"${what}`, details: [], flows: [flow.name], cards: [] });
  }
  for (const flow of scheduled) {
    items.push({
      kind: "turn-on-scheduled",
      text: `Turn on scheduled flow "${flow.name}" last (${flow.schedule?.words ?? "scheduled"}${flow.schedule?.timeZone ? `, ${flow.schedule.timeZone}` : ""})`,
      details: [],
      flows: [flow.name],
      cards: [],
    });
  }
  if (helpers.length > 0) {
    items.push({
      kind: "helper-flows",
      text: `Helper flows need not be turned on: ${helpers.map((f) => `"${f.name}"`).join(", ")}`,
      details: [],
      flows: helpers.map((f) => f.name),
      cards: [],
    });
  }
  return items;
}

function topFolder(path: string | null): string | null {
  if (path === null) return null;
  return path.split(" / ")[0] ?? null;
}

function isTableRef(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && (value as { table?: unknown }).table === name;
}

/** Plain text, one numbered step a line, details indented. Names are printed as they are, on one line. */
export function formatChecklist(items: ChecklistItem[]): string {
  if (items.length === 0) return "Nothing to do after import.\n";
  const lines = ["After importing into Okta Workflows:"];
  items.forEach((item, i) => {
    lines.push(`${String(i + 1).padStart(2)}. [ ] ${flat(item.text)}`);
    for (const d of item.details) lines.push(`       - ${flat(d)}`);
  });
  return lines.join("\n") + "\n";
}

export function checklistJson(items: ChecklistItem[]): string {
  return JSON.stringify({ items }, null, 2) + "\n";
}

function flat(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
}

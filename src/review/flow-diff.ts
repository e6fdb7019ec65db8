/** The diff of two paired flows: their settings, then their cards (paired, compared, the rest added or removed). */
import { CardChanges } from "./card-changes.js";
import { CardPairing } from "./card-pairing.js";
import type { Change, Renames } from "./diff-types.js";
import { q, v } from "./diff-text.js";
import { cardTitle } from "./show.js";
import type { FlowView } from "./view-types.js";

export class FlowDiff {
  private readonly flowName: string;

  constructor(
    private readonly a: FlowView,
    private readonly b: FlowView,
    private readonly renames: Renames,
    private readonly out: Change[],
  ) {
    this.flowName = b.name;
  }

  run(): void {
    this.diffFlowSettings();
    const cards = new CardPairing((x, y) =>
      this.push({
        subject: "card",
        kind: "moved",
        card: cardTitle(y),
        old: x.location,
        new: y.location,
        message: `card ${q(cardTitle(y))} moved from ${x.location} to ${y.location}`,
      }),
    );
    cards.pairFlows(this.a, this.b);
    const changes = new CardChanges(cards.pair, this.renames, (change) => this.push(change));
    const pairs = [...cards.pair.entries()].sort((p, r) => p[1].pos - r[1].pos);
    for (const [x, y] of pairs) changes.compare(x, y);
    for (const x of cards.leftoverA.filter((c) => !cards.pair.has(c)).sort((p, r) => p.pos - r.pos))
      this.push({
        subject: "card",
        kind: "removed",
        card: cardTitle(x),
        old: x.location,
        message: `card ${q(cardTitle(x))} removed (was ${x.location})`,
      });
    const pairedB = new Set(cards.pair.values());
    for (const y of cards.leftoverB.filter((c) => !pairedB.has(c)).sort((p, r) => p.pos - r.pos))
      this.push({
        subject: "card",
        kind: "added",
        card: cardTitle(y),
        new: y.location,
        message: `card ${q(cardTitle(y))} added at ${y.location}`,
      });
  }

  private push(change: Omit<Change, "flow">): void {
    const at = `flow ${q(this.flowName)}: `;
    this.out.push({ ...change, flow: this.flowName, message: at + change.message });
  }

  private diffFlowSettings(): void {
    const { a, b } = this;
    if (a.description !== b.description)
      this.push({
        subject: "flow",
        kind: "changed",
        field: "description",
        old: a.description,
        new: b.description,
        message: `description ${v(a.description)} → ${v(b.description)}`,
      });
    if ((a.folder === null ? null : (this.renames.folders.get(a.folder) ?? a.folder)) !== b.folder)
      this.push({
        subject: "flow",
        kind: "changed",
        field: "folder",
        old: a.folder,
        new: b.folder,
        message: `folder ${v(a.folder)} → ${v(b.folder)}`,
      });
    if (a.triggerKind !== b.triggerKind)
      this.push({
        subject: "flow",
        kind: "trigger",
        field: "trigger",
        old: a.triggerKind,
        new: b.triggerKind,
        message: `trigger ${a.triggerKind} → ${b.triggerKind}`,
      });
    const sched = (f: FlowView) =>
      f.schedule
        ? `${f.schedule.words} [${f.schedule.cron}] ${f.schedule.timeZone}${f.schedule.startDate ? ` from ${f.schedule.startDate}` : ""}${f.schedule.endDate ? ` until ${f.schedule.endDate}` : ""}`
        : null;
    if (sched(a) !== sched(b))
      this.push({
        subject: "flow",
        kind: "schedule",
        field: "schedule",
        old: sched(a),
        new: sched(b),
        message: `schedule ${v(sched(a))} → ${v(sched(b))}`,
      });
    if (a.saveAllData !== b.saveAllData)
      this.push({
        subject: "flow",
        kind: "changed",
        field: "save all data",
        old: a.saveAllData,
        new: b.saveAllData,
        message: `save all data ${a.saveAllData} → ${b.saveAllData}`,
      });
    if (a.securityLevel !== b.securityLevel)
      this.push({
        subject: "flow",
        kind: "changed",
        field: "security level",
        old: a.securityLevel,
        new: b.securityLevel,
        message: `security level ${v(a.securityLevel)} → ${v(b.securityLevel)}`,
      });
    if (a.notes.join("\u0000") !== b.notes.join("\u0000"))
      this.push({ subject: "flow", kind: "comment", field: "notes", old: a.notes, new: b.notes, message: `free-standing notes changed` });
  }
}

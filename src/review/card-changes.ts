/**
 * What changed between two paired cards, field by field. Wires are compared through the card pairing, so renaming
 * a card is reported once as a rename, never as rewiring of every card that reads from it.
 */
import { kindKey } from "./address.js";
import type { Change, ChangeKind, Renames } from "./diff-types.js";
import { display, policyText, q, v } from "./diff-text.js";
import { canonicalJson, isObject } from "./json.js";
import { cardTitle, templateText, wireText } from "./show.js";
import { EmbeddedRef, type Card, type ErrorPolicyView, type Field, type Ref, type TemplatePart } from "./view-types.js";
import { refText } from "./wires.js";

export class CardChanges {
  constructor(
    private readonly pair: ReadonlyMap<Card, Card>,
    private readonly renames: Renames,
    private readonly push: (change: Omit<Change, "flow">) => void,
  ) {}

  /** Every change between two paired cards. */
  compare(x: Card, y: Card): void {
    const title = cardTitle(y);
    const at = `card ${q(title)}`;
    const add = (c: Omit<Change, "flow" | "subject" | "card" | "message">, text: string) =>
      this.push({ subject: "card", card: title, ...c, message: `${at}: ${text}` });
    if (kindKey(x.kind) !== kindKey(y.kind))
      add(
        { kind: "changed", field: "card", old: kindKey(x.kind), new: kindKey(y.kind) },
        `card type ${kindKey(x.kind)} → ${kindKey(y.kind)}`,
      );
    if (x.name !== y.name)
      this.push({
        subject: "card",
        kind: "renamed",
        card: title,
        old: x.name,
        new: y.name,
        message: `card ${q(cardTitle(x))} renamed to ${q(y.name)}`,
      });
    if (x.kind.version !== y.kind.version)
      add(
        { kind: "version", field: "version", old: x.kind.version, new: y.kind.version },
        `connector version ${v(x.kind.version)} → ${v(y.kind.version)}`,
      );
    const xConnection = typeof x.connection === "string" ? (this.renames.connections.get(x.connection) ?? x.connection) : x.connection;
    if (xConnection !== y.connection)
      add(
        { kind: "connection", field: "connection", old: x.connection ?? null, new: y.connection ?? null },
        `connection ${v(x.connection ?? null)} → ${v(y.connection ?? null)}`,
      );
    if (x.comment !== y.comment)
      add({ kind: "comment", field: "comment", old: x.comment, new: y.comment }, `comment ${v(x.comment)} → ${v(y.comment)}`);
    this.compareFields("field", "field", x.fields, y.fields, add);
    this.compareFields("field", "output", x.outputs, y.outputs, add);
    this.compareFields("option", "option", x.options, y.options, add);
    this.compareFields("constant", "constant", x.constants, y.constants, add);
    const calls = (f: Field[]) => f.map((c) => ({ input: c.input, value: c.value }));
    this.compareFields(
      "call",
      "calls",
      calls(x.calls).map((c) => ({ ...c, value: typeof c.value === "string" ? (this.renames.flows.get(c.value) ?? c.value) : c.value })),
      calls(y.calls),
      add,
      calls(x.calls),
    );
    const tx = x.template ? this.templateKey(x.template.parts, "a") : null;
    const ty = y.template ? this.templateKey(y.template.parts, "b") : null;
    if (tx !== ty)
      add(
        {
          kind: "text",
          field: x.template?.input ?? y.template?.input ?? "_text_",
          old: x.template ? templateText(x.template.parts) : null,
          new: y.template ? templateText(y.template.parts) : null,
        },
        `text ${v(x.template ? templateText(x.template.parts) : null)} → ${v(y.template ? templateText(y.template.parts) : null)}`,
      );
    this.compareWires(x, y, add);
    const px = this.policyKey(x.errorPolicy, true);
    const py = this.policyKey(y.errorPolicy, false);
    if (px !== py)
      add(
        { kind: "error-policy", field: "on error", old: x.errorPolicy, new: y.errorPolicy },
        `error policy ${policyText(x.errorPolicy)} → ${policyText(y.errorPolicy)}`,
      );
  }

  private compareFields(
    kind: ChangeKind,
    noun: string,
    xs: Field[],
    ys: Field[],
    add: (c: Omit<Change, "flow" | "subject" | "card" | "message">, text: string) => void,
    shownX: Field[] = xs,
  ): void {
    const mx = new Map(xs.map((f, i) => [f.input, { key: this.valueKey(f.value, "a"), shown: shownX[i]?.value ?? f.value }]));
    const my = new Map(ys.map((f) => [f.input, { key: this.valueKey(f.value, "b"), shown: f.value }]));
    for (const [input, fx] of mx) {
      const fy = my.get(input);
      if (fy === undefined)
        add({ kind, field: input, old: display(fx.shown), new: null }, `${noun} ${q(input)} ${v(display(fx.shown))} → (none)`);
      else if (fx.key !== fy.key)
        add(
          { kind, field: input, old: display(fx.shown), new: display(fy.shown) },
          `${noun} ${q(input)} ${v(display(fx.shown))} → ${v(display(fy.shown))}`,
        );
    }
    for (const [input, fy] of my)
      if (!mx.has(input))
        add({ kind, field: input, old: null, new: display(fy.shown) }, `${noun} ${q(input)} (none) → ${v(display(fy.shown))}`);
  }

  private compareWires(x: Card, y: Card, add: (c: Omit<Change, "flow" | "subject" | "card" | "message">, text: string) => void): void {
    const mx = new Map(x.wires.map((w) => [w.input, w.sources]));
    const my = new Map(y.wires.map((w) => [w.input, w.sources]));
    const texts = (refs: Ref[] | undefined) => (refs === undefined ? "(none)" : refs.map(wireText).join(" + "));
    for (const input of [...new Set([...mx.keys(), ...my.keys()])]) {
      const sx = mx.get(input);
      const sy = my.get(input);
      const same = sx !== undefined && sy !== undefined && sx.length === sy.length && sx.every((r, i) => this.sameSource(r, sy[i]!));
      if (!same) {
        const sorted = sx !== undefined && sy !== undefined && sx.length === sy.length && this.sameSourceSet(sx, sy);
        if (sorted) continue;
        add(
          { kind: "wiring", field: input, old: sx ? sx.map(wireText) : null, new: sy ? sy.map(wireText) : null },
          `wire ${q(input)} ${texts(sx)} → ${texts(sy)}`,
        );
      } else if (sx.some((r, i) => (r.convert ?? "") !== (sy[i]!.convert ?? ""))) {
        add(
          { kind: "transform", field: input, old: sx.map((r) => r.convert), new: sy.map((r) => r.convert) },
          `transform on ${q(input)} (${sx.map(refText).join(" + ")}) ${sx.map((r) => r.convert ?? "none").join(",")} → ${sy.map((r) => r.convert ?? "none").join(",")}`,
        );
      }
    }
  }

  private sameSourceSet(xs: Ref[], ys: Ref[]): boolean {
    const rest = [...ys];
    for (const r of xs) {
      const i = rest.findIndex((s) => this.sameSource(r, s) && (r.convert ?? "") === (s.convert ?? ""));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return true;
  }

  private sameSource(r: Ref, s: Ref): boolean {
    if (r.output !== s.output || r.path.join("\u0000") !== s.path.join("\u0000")) return false;
    if (r.card === null || s.card === null) return r.card === s.card && r.missing === s.missing;
    return this.pair.get(r.card) === s.card;
  }

  /** A value with embedded wires made comparable across the two sides (cards by their pairing). */
  private valueKey(value: unknown, side: "a" | "b"): string {
    const norm = (x: unknown): unknown => {
      if (x instanceof EmbeddedRef) return { "\u0000wire": this.refKey(x.ref, side) };
      if (side === "a" && isTableRef(x)) return { table: this.renames.tables.get(x.table) ?? x.table };
      if (side === "a" && isFlowRef(x)) return { flow: this.renames.flows.get(x.flow) ?? x.flow };
      if (Array.isArray(x)) return x.map(norm);
      if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, norm(y)]));
      return x;
    };
    return canonicalJson(norm(value));
  }

  private refKey(ref: Ref, side: "a" | "b"): string {
    let card = "";
    if (ref.card === null) card = `missing:${ref.missing ?? ""}`;
    else if (side === "b") card = `b${ref.card.pos}`;
    else {
      const paired = this.pair.get(ref.card);
      card = paired ? `b${paired.pos}` : `a${ref.card.pos}`;
    }
    return `${card}\u0000${ref.output}\u0000${ref.path.join("\u0000")}\u0000${ref.convert ?? ""}`;
  }

  private templateKey(parts: TemplatePart[], side: "a" | "b"): string {
    return canonicalJson(
      parts.map((p) => ("text" in p ? { t: p.text } : "ref" in p ? { r: this.refKey(p.ref, side) } : { v: canonicalJson(p.value) })),
    );
  }

  private policyKey(p: ErrorPolicyView | null, renameFlows: boolean): string {
    if (!p) return "null";
    const flow = p.flow !== undefined && renameFlows ? (this.renames.flows.get(p.flow) ?? p.flow) : p.flow;
    return canonicalJson({ ...p, flow });
  }
}

function isTableRef(x: unknown): x is { table: string } {
  return isObject(x) && Object.keys(x).length === 1 && typeof x.table === "string";
}

function isFlowRef(x: unknown): x is { flow: string } {
  return isObject(x) && Object.keys(x).length === 1 && typeof x.flow === "string";
}

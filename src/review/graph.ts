/**
 * `flocode graph`: a flow as a picture.
 *
 * Pipeline: PackView ──graphModel──▶ nodes + edges (trigger, cards in order, If/Else branches and joins,
 * inline blocks, helper-flow calls, dashed data wires) ──▶ Mermaid text | DOT text (──▶ SVG in graph-svg.ts).
 * Node ids are positional (`f0_n3`), never card ids; every label is untrusted text and is escaped by the
 * renderer that prints it.
 */
import type { Card, FlowView, PackView } from "./view-types.js";
import { refText } from "./wires.js";
import { isKernel } from "./address.js";

export type NodeShape = "trigger" | "card" | "decision" | "join" | "helper" | "note";
export type EdgeStyle = "control" | "data" | "call";

export interface GraphNode {
  id: string;
  /** Lines of the label (the first is the card name). */
  lines: string[];
  shape: NodeShape;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  style: EdgeStyle;
}

export interface GraphCluster {
  id: string;
  title: string;
  nodes: GraphNode[];
}

export interface GraphModel {
  clusters: GraphCluster[];
  /** Nodes outside any flow: helper flows not drawn in this picture, flows kept elsewhere (stubs). */
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  /** Only this flow (by name). */
  flow?: string;
  /** Draw data wires (default true). */
  wires?: boolean;
}

const MAX_LINE = 80;

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > MAX_LINE ? `${one.slice(0, MAX_LINE - 1)}…` : one;
}

export function graphModel(view: PackView, options: GraphOptions = {}): GraphModel {
  const flows = options.flow === undefined ? view.flows : view.flows.filter((f) => f.name === options.flow);
  const model: GraphModel = { clusters: [], nodes: [], edges: [] };
  const triggerIds = new Map<string, string>();
  flows.forEach((flow, i) => triggerIds.set(flow.name, `f${i}_t`));
  const helperNodes = new Map<string, string>();
  const external = new Set(view.externalFlows.map((x) => x.name));
  const helperNode = (name: string): string => {
    const drawn = triggerIds.get(name);
    if (drawn) return drawn;
    let id = helperNodes.get(name);
    if (!id) {
      id = `h${helperNodes.size}`;
      helperNodes.set(name, id);
      // A stub's flow lives in another file (or only in the org): say so, it must be imported first.
      model.nodes.push({ id, lines: [clip(name), external.has(name) ? "kept elsewhere (stub)" : "helper flow"], shape: "helper" });
    }
    return id;
  };
  flows.forEach((flow, i) => {
    const cluster: GraphCluster = { id: `f${i}`, title: clip(flow.name), nodes: [] };
    model.clusters.push(cluster);
    new FlowDrawer(flow, `f${i}`, cluster, model, helperNode, options.wires !== false).draw();
  });
  return model;
}

class FlowDrawer {
  private readonly ids = new Map<Card, string>();

  constructor(
    private readonly flow: FlowView,
    private readonly prefix: string,
    private readonly cluster: GraphCluster,
    private readonly model: GraphModel,
    private readonly helperNode: (name: string) => string,
    private readonly wires: boolean,
  ) {}

  draw(): void {
    const { flow } = this;
    const triggerId = `${this.prefix}_t`;
    const lines = [clip(flow.trigger ? flow.trigger.label : flow.name), triggerWords(flow)];
    this.cluster.nodes.push({ id: triggerId, lines, shape: "trigger" });
    if (flow.trigger) this.ids.set(flow.trigger, triggerId);
    for (const card of flow.cards) if (card !== flow.trigger) this.ids.set(card, `${this.prefix}_n${card.pos}`);
    this.chain(flow.steps, [{ id: triggerId, label: "" }]);
    if (flow.unreachable.length > 0) this.chain(flow.unreachable, []);
    if (this.wires) this.drawWires();
  }

  private node(card: Card): string {
    const id = this.ids.get(card) ?? `${this.prefix}_n${card.pos}`;
    const kind = card.kind;
    const shape: NodeShape =
      isKernel(kind, "control", "if") || isKernel(kind, "control", "branch") || isKernel(kind, "control", "tryCatch")
        ? "decision"
        : isKernel(kind, "control", "join")
          ? "join"
          : isKernel(kind, "control", "comment")
            ? "note"
            : "card";
    const lines = shape === "note" ? [clip(card.comment ?? card.label)] : [clip(card.label), `${kind.connector} ${kind.action}`];
    this.cluster.nodes.push({ id, lines, shape });
    for (const call of card.calls) {
      if (typeof call.value === "string")
        this.model.edges.push({ from: id, to: this.helperNode(call.value), label: "calls", style: "call" });
    }
    if (card.errorPolicy?.flow !== undefined)
      this.model.edges.push({ from: id, to: this.helperNode(card.errorPolicy.flow), label: "on error", style: "call" });
    return id;
  }

  /** Draws a chain of steps; returns the exits that lead to whatever follows it. */
  private chain(steps: Card[], from: Array<{ id: string; label: string }>): Array<{ id: string; label: string }> {
    let exits = from;
    for (const step of steps) {
      const id = this.node(step);
      for (const e of exits) this.model.edges.push({ from: e.id, to: id, label: e.label, style: "control" });
      if (step.blocks.length === 0) {
        exits = [{ id, label: "" }];
        continue;
      }
      const branching =
        isKernel(step.kind, "control", "if") || isKernel(step.kind, "control", "branch") || isKernel(step.kind, "control", "tryCatch");
      const next: Array<{ id: string; label: string }> = [];
      for (const block of step.blocks) {
        const out = this.chain(block.steps, [{ id, label: block.label }]);
        if (block.unreachable.length > 0) this.chain(block.unreachable, []);
        if (branching) next.push(...out);
      }
      exits = branching ? next : [{ id, label: "" }];
    }
    return exits;
  }

  private drawWires(): void {
    for (const card of this.flow.cards) {
      const to = this.ids.get(card);
      if (!to) continue;
      const refs = [...card.wires.flatMap((w) => w.sources.map((s) => ({ s, input: w.input })))];
      if (card.template) for (const p of card.template.parts) if ("ref" in p) refs.push({ s: p.ref, input: card.template.input });
      const seen = new Set<string>();
      for (const { s } of refs) {
        if (!s.card) continue;
        const from = this.ids.get(s.card);
        if (!from || from === to) continue;
        const label = clip(refText(s).slice(s.card.label.length + 1));
        const key = `${from}\u0000${label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.model.edges.push({ from, to, label, style: "data" });
      }
    }
  }
}

function triggerWords(flow: FlowView): string {
  switch (flow.triggerKind) {
    case "schedule":
      return clip(flow.schedule ? `${flow.schedule.words} (${flow.schedule.timeZone})` : "schedule");
    case "helper":
      return "helper flow";
    case "api-endpoint":
      return "API endpoint";
    case "delegated":
      return "delegated flow";
    case "event":
      return flow.trigger ? `${flow.trigger.kind.connector} event` : "event";
    case "manual":
      return "no trigger";
    default:
      return "unknown trigger";
  }
}

// ---------------------------------------------------------------------------------------------------
// Mermaid

/**
 * Mermaid label text: only letters, digits and a few safe punctuation marks pass through; everything
 * else (quotes, brackets, pipes, `<`, `#`, backticks, non-ASCII) becomes a `#NNN;` entity code, so an
 * untrusted card name can neither close the label nor inject HTML or Mermaid syntax.
 */
export function mermaidText(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/^[A-Za-z0-9 .,:/_+=?!()'-]$/.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  }
  return out;
}

const MERMAID_SHAPES: Record<NodeShape, [string, string]> = {
  trigger: ["([", "])"],
  card: ["[", "]"],
  decision: ["{", "}"],
  join: ["((", "))"],
  helper: ["[[", "]]"],
  note: [">", "]"],
};

export function renderMermaid(model: GraphModel): string {
  const lines = ["flowchart TD"];
  const nodeLine = (n: GraphNode, indent: string) => {
    const [open, close] = MERMAID_SHAPES[n.shape];
    lines.push(`${indent}${n.id}${open}"${n.lines.map(mermaidText).join("<br/>")}"${close}`);
  };
  for (const c of model.clusters) {
    lines.push(`  subgraph ${c.id}["${mermaidText(c.title)}"]`);
    lines.push("    direction TB");
    for (const n of c.nodes) nodeLine(n, "    ");
    lines.push("  end");
  }
  for (const n of model.nodes) nodeLine(n, "  ");
  for (const e of model.edges) {
    const label = e.label === "" ? "" : `|"${mermaidText(e.label)}"|`;
    const arrow = e.style === "data" ? "-.->" : e.style === "call" ? "==>" : "-->";
    lines.push(`  ${e.from} ${arrow}${label} ${e.to}`);
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------
// DOT (Graphviz)

/** A DOT double-quoted string: backslashes and quotes escaped, so Graphviz escapes like `\N` stay literal. */
export function dotString(s: string): string {
  return `"${dotEscape(s)}"`;
}

/** Label lines joined by DOT's `\n` line break. */
export function dotLabel(lines: string[]): string {
  return `"${lines.map(dotEscape).join("\\n")}"`;
}

function dotEscape(s: string): string {
  // Control characters would end up raw in the SVG and make it invalid XML.
  return s
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"');
}

const DOT_SHAPES: Record<NodeShape, string> = {
  trigger: 'shape=box, style="rounded,filled", fillcolor="#e8f0fe"',
  card: 'shape=box, style="rounded"',
  decision: 'shape=diamond, style="filled", fillcolor="#fff4e5"',
  join: "shape=circle, fontsize=10",
  helper: 'shape=component, style="filled", fillcolor="#eef7ee"',
  note: 'shape=note, fontsize=10, fontcolor="#555555"',
};

export function renderDot(model: GraphModel): string {
  const out = [
    "digraph flocode {",
    '  graph [rankdir=TB, fontname="Helvetica"];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const nodeLine = (n: GraphNode, indent: string) => out.push(`${indent}${n.id} [label=${dotLabel(n.lines)}, ${DOT_SHAPES[n.shape]}];`);
  for (const c of model.clusters) {
    out.push(`  subgraph cluster_${c.id} {`);
    out.push(`    label=${dotString(c.title)};`);
    for (const n of c.nodes) nodeLine(n, "    ");
    out.push("  }");
  }
  for (const n of model.nodes) nodeLine(n, "  ");
  for (const e of model.edges) {
    const attrs = [e.label === "" ? "" : `label=${dotString(e.label)}`];
    if (e.style === "data") attrs.push('style=dashed, color="#888888", fontcolor="#888888", constraint=false');
    if (e.style === "call") attrs.push('style=bold, color="#2e7d32"');
    out.push(`  ${e.from} -> ${e.to} [${attrs.filter((a) => a !== "").join(", ")}];`);
  }
  out.push("}");
  return out.join("\n") + "\n";
}

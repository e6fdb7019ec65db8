/**
 * The object a flow body receives (`f`): it places cards in execution order and records the control-flow
 * edges between them. It knows nothing of templates or ids; `lower` turns what it recorded into IR.
 */
import { DslError } from "./errors.js";
import { cardHandle } from "./handle.js";
import { userCallSite } from "./site.js";
import type { Card, CardNode, CardSpec, Input, Json } from "./types-reexport.js";

export const IF_ADDRESS = "root:kernel:control:0.0.1:if";
export const JOIN_ADDRESS = "root:kernel:control:0.0.1:join";
export const NOOP_ADDRESS = "root:kernel:control:0.0.1:noop";
export const COMMENT_ADDRESS = "root:kernel:control:0.0.1:comment";
export const RETURN_ADDRESS = "root:kernel:control:0.0.1:return";

/** How lower must build a node that is not an ordinary card. */
export type NodeRole =
  | { kind: "card" }
  | { kind: "root" }
  | { kind: "branchHead"; value: boolean }
  | { kind: "join"; values: Array<{ key: string; fromThen?: Input<unknown>; fromElse?: Input<unknown> }> };

export interface RecordedNode extends CardNode {
  readonly role: NodeRole;
  /** If cards: their two branch heads. */
  readonly branches?: Array<{ head: RecordedNode; value: boolean }>;
}

export interface Recording {
  nodes: RecordedNode[];
  edges: Array<[RecordedNode, RecordedNode]>;
}

export interface IfCondition {
  left: Input<unknown>;
  operator: string;
  right?: Input<unknown>;
}

export type BranchBody = (b: FlowBuilder) => Record<string, Input<unknown>> | void;

export class FlowBuilder<T = Record<string, unknown>> {
  readonly trigger: Card<T>;
  private cursor: RecordedNode | null;

  constructor(
    private readonly recording: Recording,
    root: RecordedNode,
    /** Cards placed by this builder also get an edge to this join (If/Else branches). */
    private readonly joinTarget?: RecordedNode,
  ) {
    this.trigger = cardHandle<T>(root);
    this.cursor = root;
  }

  /** Places a card after the previous one (or after `after`; `after: null` leaves it unlinked). */
  add<O>(spec: CardSpec<O>, options: { after?: Card<unknown> | null } = {}): Card<O> {
    if (!spec || (spec as { kind?: unknown }).kind !== "card") {
      throw new DslError("f.add() takes a card, e.g. f.add(office365admin.getLicenses({ connection }))", userCallSite());
    }
    const prev = options.after === undefined ? this.cursor : options.after === null ? null : this.nodeOf(options.after);
    const node = this.place(spec as CardSpec<unknown>, { kind: "card" });
    if (prev) this.link(prev, node);
    if (options.after !== null) this.cursor = node;
    return cardHandle<O>(node);
  }

  /** A Comment card (a note on the canvas, not in the execution chain). */
  comment(text: string, title = ""): Card<Record<string, never>> {
    const node = this.place(
      { kind: "card", address: COMMENT_ADDRESS, comments: { title, markdown: text }, site: userCallSite() },
      { kind: "card" },
    );
    return cardHandle(node);
  }

  /**
   * If/Else: the `then` branch runs when `left operator right` holds, `otherwise` when not; both meet at a Join.
   * Values returned by both branches under the same key are handed on by the Join: `r.key`.
   */
  ifElse<R extends Record<string, unknown> = Record<string, unknown>>(
    condition: IfCondition,
    then: BranchBody,
    otherwise?: BranchBody,
  ): Card<R> {
    const site = userCallSite();
    const inputs: Record<string, Input<unknown>> = { "left-operand": condition.left, operator: condition.operator };
    if (condition.right !== undefined) inputs["right-operand"] = condition.right;
    const ifNode = this.place({ kind: "card", address: IF_ADDRESS, inputs, site }, { kind: "card" });
    if (this.cursor) this.link(this.cursor, ifNode);
    const joinRole: NodeRole = { kind: "join", values: [] };
    const thenHead = this.place({ kind: "card", address: NOOP_ADDRESS, site }, { kind: "branchHead", value: true });
    const elseHead = this.place({ kind: "card", address: NOOP_ADDRESS, site }, { kind: "branchHead", value: false });
    (ifNode as { branches?: RecordedNode["branches"] }).branches = [
      { head: thenHead, value: true },
      { head: elseHead, value: false },
    ];
    const join = this.place({ kind: "card", address: JOIN_ADDRESS, site }, joinRole);
    const thenValues = this.branch(thenHead, join, then);
    const elseValues = otherwise ? this.branch(elseHead, join, otherwise) : (this.link(elseHead, join), {});
    for (const key of new Set([...Object.keys(thenValues), ...Object.keys(elseValues)])) {
      joinRole.values.push({ key, fromThen: thenValues[key], fromElse: elseValues[key] });
    }
    this.cursor = join;
    return cardHandle<R>(join);
  }

  /** A raw control-flow edge (escape hatch for shapes the structured calls do not make). */
  edge(from: Card<unknown>, to: Card<unknown>): void {
    this.link(this.nodeOf(from), this.nodeOf(to));
  }

  private branch(head: RecordedNode, join: RecordedNode, body: BranchBody): Record<string, Input<unknown>> {
    this.link(head, join);
    const sub = new FlowBuilder(this.recording, head, join);
    return body(sub) ?? {};
  }

  private place(spec: CardSpec<unknown>, role: NodeRole): RecordedNode {
    const node: RecordedNode = { kind: "cardNode", spec, owner: this.recording, index: this.recording.nodes.length, role };
    this.recording.nodes.push(node);
    if (this.joinTarget && role.kind === "card") this.link(node, this.joinTarget);
    return node;
  }

  private link(from: RecordedNode, to: RecordedNode): void {
    this.recording.edges.push([from, to]);
  }

  private nodeOf(card: Card<unknown>): RecordedNode {
    const node = (card as { $node?: CardNode } | undefined)?.$node as RecordedNode | undefined;
    if (!node || node.owner !== this.recording) throw new DslError("that card belongs to another flow", userCallSite());
    return node;
  }
}

export type { Json };

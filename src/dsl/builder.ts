/**
 * The object a flow body receives (`f`): it places cards in execution order and records the control-flow
 * edges between them. It knows nothing of templates or ids; `lower` turns what it recorded into IR.
 */
import type { InlineShapeChanges } from "../shapes/inline-flow.js";
import {
  CALLABLE_ADDRESS,
  COMMENT_ADDRESS,
  HELPER_FLOW_NAME,
  IF_ADDRESS,
  JOIN_ADDRESS,
  NOOP_ADDRESS,
  OBJECT_GET_ADDRESS,
  RETURN_ADDRESS,
  TRY_CATCH_ADDRESS,
} from "../shapes/known-cards.js";
import { DslError } from "./errors.js";
import { cardSpecProblem } from "./plain-value.js";
import { cardHandle } from "./handle.js";
import { userCallSite } from "./site.js";
import type { CallSite, Card, CardNode, CardSpec, Input, Json, Ref } from "./types-reexport.js";
import { isRef, makeRef } from "./handle.js";
import { inline } from "./inline.js";
import { expandFields, type ExpandPath, type ExpandType } from "./expand.js";
import type { IfOperator } from "../shapes/choices.js";
import type { CustomField, OktaObject } from "./types.js";
import type { NodeRole, RecordedNode, Recording } from "./recording.js";

export interface IfCondition {
  left: Input<unknown>;
  /** The comparison (the If card's `operator` choices): `"=="`, `"!="`, `">"`, `"is empty"`, ... */
  operator: IfOperator;
  right?: Input<unknown>;
}

export type BranchBody = (b: FlowBuilder) => Record<string, Input<unknown>> | void;

/** One block of an If Error card as exports have it (import writes these; hand-written flows rarely need them). */
export interface IfErrorBlock {
  /** The block's start card; default: a Helper Flow callable. */
  start?: CardSpec<unknown>;
  /** Changes to the inline flow object's usual keys (see `inline`). */
  shape?: InlineShapeChanges;
}

export interface IfErrorOptions {
  name?: string;
  /** Catalog variant of the If Error card. */
  variant?: string;
  /** Fields of the If Error card itself: inputs (e.g. wormholes written out), outputs (what its blocks return). */
  customInputs?: readonly CustomField[];
  customOutputs?: readonly CustomField[];
  attempt?: IfErrorBlock;
  onError?: IfErrorBlock;
}

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
    const prev0 = options.after === undefined ? this.cursor : options.after === null ? null : this.nodeOf(options.after);
    if (prev0) this.cursor = prev0;
    const withFields = this.resolveFieldAccess(spec as CardSpec<unknown>, prev0 !== null);
    const prev = prev0 === null ? null : this.cursor;
    const node = this.place(withFields, { kind: "card" });
    if (prev) this.link(prev, node);
    if (options.after !== null) this.cursor = node;
    return cardHandle<O>(node);
  }

  /**
   * Inputs given as `field(ref, "a", "b")` read a sub-field of an object output: each becomes an Object Get card
   * (path "a.b") placed just before the card, whose output feeds the input.
   */
  private resolveFieldAccess(spec: CardSpec<unknown>, chained: boolean): CardSpec<unknown> {
    const entries = Object.entries(spec.inputs ?? {});
    if (!entries.some(([, v]) => isRef(v) && (v.path?.length ?? 0) > 0)) return spec;
    if (!chained) throw new DslError("field(...) inputs need the card to be in the chain (not after: null)", spec.site);
    const inputs: Record<string, Input<unknown>> = {};
    for (const [key, value] of entries) {
      if (isRef(value) && value.path && value.path.length > 0) {
        const base = makeRef(value.node, value.output);
        const get = this.add({
          kind: "card",
          address: OBJECT_GET_ADDRESS,
          name: `Get ${value.path.join(".")}`,
          inputs: { object: base, path: value.path.join(".") },
          site: spec.site,
        });
        inputs[key] = get.$custom("output");
      } else inputs[key] = value as Input<unknown>;
    }
    return Object.freeze({ ...spec, inputs });
  }

  /**
   * The sub-fields of an object output, read the way the Okta console reads them when you drill into an
   * output: a hidden Object Expand card beside the source card, one output per field. Each field is a path
   * into the output's object schema (a field name, or names for a nested field):
   * `const { id, login } = f.expand(user.profile, { id: "id", login: ["profile", "login"] })`.
   * The cursor does not move: the next `add` still follows the card before.
   */
  expand<T, const F extends Record<string, ExpandPath<T>>>(
    source: Ref<T>,
    fields: F,
  ): { readonly [K in keyof F]: Ref<ExpandType<T, F[K]>> } {
    return expandFields(this.recording, source, fields, (spec, role) => this.place(spec, role)) as {
      readonly [K in keyof F]: Ref<ExpandType<T, F[K]>>;
    };
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
    const ifNode = this.place(this.resolveFieldAccess({ kind: "card", address: IF_ADDRESS, inputs, site }, true), { kind: "card" });
    if (this.cursor) this.link(this.cursor, ifNode);
    const joinRole: NodeRole = { kind: "join", values: [] };
    const thenHead = this.place({ kind: "card", address: NOOP_ADDRESS, site }, { kind: "branchHead", value: true });
    const elseHead = this.place({ kind: "card", address: NOOP_ADDRESS, site }, { kind: "branchHead", value: false });
    ifNode.branches = [
      { head: thenHead, value: true },
      { head: elseHead, value: false },
    ];
    const join = this.place({ kind: "card", address: JOIN_ADDRESS, site }, joinRole);
    const thenValues = this.runBranch(thenHead, join, then);
    const elseValues = otherwise ? this.runBranch(elseHead, join, otherwise) : (this.link(elseHead, join), {});
    for (const key of new Set([...Object.keys(thenValues), ...Object.keys(elseValues)])) {
      joinRole.values.push({ key, fromThen: thenValues[key], fromElse: elseValues[key] });
    }
    this.cursor = join;
    return cardHandle<R>(join);
  }

  /**
   * If Error: runs `attempt`; when a card in it fails, runs `onError` instead of stopping the flow
   * (`onError`'s `trigger.error` holds the error). Both are inline flows; outputs of earlier cards can be used in
   * them directly (flocode passes them in through Okta's wormholes).
   */
  ifError(
    attempt: (t: FlowBuilder) => void,
    onError?: (e: FlowBuilder<{ error: OktaObject }>) => void,
    options: IfErrorOptions = {},
  ): Card<Record<string, never>> {
    const site = userCallSite();
    const block = (body: ((g: FlowBuilder<never>) => void) | undefined, o: IfErrorBlock = {}) =>
      inline(
        o.start ?? { kind: "card", address: CALLABLE_ADDRESS, name: HELPER_FLOW_NAME, site },
        (g) => {
          body?.(g as FlowBuilder<never>);
          // Each block ends with a Return: the one the body placed last, else a plain one.
          if (g.cursor?.spec.address !== RETURN_ADDRESS) g.add({ kind: "card", address: RETURN_ADDRESS, site });
        },
        o.shape,
      );
    return this.add({
      kind: "card",
      address: TRY_CATCH_ADDRESS,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.variant !== undefined ? { variant: options.variant } : {}),
      ...(options.customInputs !== undefined ? { customInputs: options.customInputs } : {}),
      ...(options.customOutputs !== undefined ? { customOutputs: options.customOutputs } : {}),
      inputs: { flo: block(attempt as (g: FlowBuilder<never>) => void, options.attempt) as unknown as Input<unknown> },
      policy: {
        type: "raw",
        error: { type: "handler", flo: null, merge: "join" },
        handler: block(onError as ((g: FlowBuilder<never>) => void) | undefined, options.onError),
      },
      site,
    });
  }

  /** A raw control-flow edge (escape hatch for shapes the structured calls do not make). */
  edge(from: Card<unknown>, to: Card<unknown>): void {
    this.link(this.nodeOf(from), this.nodeOf(to));
  }

  /** A raw If/Else branch: `head` starts the branch taken when the If card's result is `value`. */
  branch(ifCard: Card<unknown>, head: Card<unknown>, value: boolean): void {
    const node = this.nodeOf(ifCard);
    (node.branches ??= []).push({ head: this.nodeOf(head), value });
  }

  /**
   * A raw data wire from an output to an input of a card of this scope (by key or "group/key"); `convert`
   * names Okta's conversion (null: none; omitted: automatic from the types, unless `forceWrapArray` is given).
   */
  pin(source: Ref, target: Card<unknown>, input: string, options: { convert?: string | null; forceWrapArray?: boolean } = {}): void {
    const site = userCallSite();
    if (!isRef(source)) throw new DslError("f.pin() takes a card output as its first argument", site);
    const transform =
      options.convert === undefined
        ? options.forceWrapArray === undefined
          ? undefined
          : { forceWrapArray: options.forceWrapArray }
        : options.convert === null
          ? null
          : { convert: options.convert, forceWrapArray: options.forceWrapArray ?? false };
    this.recording.pins.push({ source, target: this.nodeOf(target), input, transform, site });
  }

  private runBranch(head: RecordedNode, join: RecordedNode, body: BranchBody): Record<string, Input<unknown>> {
    this.link(head, join);
    const sub = new FlowBuilder(this.recording, head, join);
    return body(sub) ?? {};
  }

  private place(spec: CardSpec<unknown>, role: NodeRole): RecordedNode {
    // every card of a flow body comes through here: what JSON cannot hold is the flow file's error, at the call
    const problem = cardSpecProblem(spec);
    if (problem !== undefined) throw new DslError(`${spec.name ?? spec.address}: ${problem}`, spec.site ?? userCallSite());
    const node: RecordedNode = {
      kind: "cardNode",
      spec,
      owner: this.recording.flow,
      scope: this.recording,
      index: this.recording.nodes.length,
      role,
    };
    this.recording.nodes.push(node);
    if (this.joinTarget && role.kind === "card") this.link(node, this.joinTarget);
    return node;
  }

  private link(from: RecordedNode, to: RecordedNode): void {
    this.recording.edges.push([from, to]);
  }

  private nodeOf(card: Card<unknown>): RecordedNode {
    const node = (card as { $node?: CardNode } | undefined)?.$node as RecordedNode | undefined;
    if (!node || node.owner !== this.recording.flow) throw new DslError("that card belongs to another flow", userCallSite());
    return node;
  }
}

export type { Json, CallSite };

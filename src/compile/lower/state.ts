/**
 * What lowering knows while it runs: the pack's state (catalog, flows, named objects) and, per flow, the cards
 * lowered so far. Every step takes the state as its first argument; no step keeps state of its own.
 */
import type { Catalog } from "../../catalog/store.js";
import type { IrCard, IrEntryRef, IrScope, IrTransform, JsonObject } from "../../ir/types.js";
import { UniqueNames } from "../../util/names.js";
import type { RecordedNode, Recording } from "../../dsl/recording.js";
import type { CallSite, CardSpec, InlineFlow, Ref } from "../../dsl/types.js";
import type { ValueType } from "../../shapes/conversion.js";
import type { FlowIndex } from "./flow-index.js";
import type { Diagnostics } from "./diagnostics.js";
import type { PackObjects } from "./pack-objects.js";
import type { InlineRecordings } from "./record.js";

export interface PackState {
  readonly catalog: Catalog;
  readonly flows: FlowIndex;
  readonly objects: PackObjects;
  /** The target's mistakes found so far (lowering goes on past each). */
  readonly diagnostics: Diagnostics;
}

/** A card once lowered: its IR card, the node it came from, and its entries as wires and values see them. */
export interface LoweredCard {
  card: IrCard;
  node: RecordedNode;
  /** Inputs the flow file set explicitly (an explicit empty value satisfies a required input). */
  given: Set<string>;
  inputs: Array<{ ref: IrEntryRef; entry: JsonObject }>;
  outputs: Array<{ ref: IrEntryRef; type: ValueType }>;
  /**
   * What is known wrong with it, so that its other mistakes are not reported as consequences: `failed` (a
   * stand-in for a card that could not be lowered), `suspect` (an input is wired to an output that does not
   * exist: its variant, hence its input types, are a guess), `incomplete` (a property was not understood: its
   * required inputs are not checked).
   */
  failed?: boolean;
  suspect?: boolean;
  incomplete?: boolean;
  /**
   * What feeds each wired input, by entry ref key, once wired: the source output's type and (in the same scope)
   * its card. Helper-call checks read a For Each's list.
   */
  wiredSources?: Map<string, { type: ValueType; from?: LoweredCard }>;
}

/** A wire to make once every card of its scope is lowered (its source may be placed after its target). */
export interface PendingPin {
  source: Ref;
  target: IrCard;
  input: IrEntryRef;
  inputType: ValueType;
  /** undefined: Okta's automatic conversion between the types; null: none. */
  transform?: IrTransform | null;
  site: CallSite | undefined;
  what: string;
}

/** An inline flow being lowered: outer values come in through wormholes on its owner card (wormholes.ts). */
export interface InlineContext {
  recording: Recording;
  /** The card that holds the inline flow (If Error, For Each - Ignore Errors, ...). */
  owner: LoweredCard;
  /** The pending wires and the recording of the owner's scope: wormhole entrances are wired there. */
  outerPending: PendingPin[];
  outerScope: Recording | undefined;
  /** Wormholes made so far, by source output: the inner root's output that carries the value. */
  wormholes: Map<string, { ref: IrEntryRef; type: ValueType }>;
}

/** Lowers an inline flow held by `owner` (scope.ts): handed in, so that lowering a card needs no import of it. */
export type InlineFlowLowering = (state: FlowState, inline: InlineFlow, owner: LoweredCard | undefined) => IrScope;

export interface FlowState {
  readonly pack: PackState;
  /** The flow's recording token (`Recording.flow`, a node's `owner`): tells its cards from other flows'. */
  readonly token: object;
  readonly name: string;
  /** Event flows: the event card, and the body's root (a callable named after the event). */
  readonly event: { card: CardSpec<unknown>; root: RecordedNode } | undefined;
  /** Card refs taken so far, inline flows included. */
  readonly cardRefs: UniqueNames;
  readonly lowered: Map<RecordedNode, LoweredCard>;
  readonly byCard: Map<IrCard, LoweredCard>;
  /** Steps that need every card of the flow lowered (links to cards placed later), run in order at the end. */
  readonly deferred: Array<() => void>;
  /** The scope being lowered (undefined outside of one) and the wires it waits to make. */
  scope: Recording | undefined;
  pending: PendingPin[];
  /** The inline flows being lowered, innermost last. */
  readonly inlineStack: InlineContext[];
  readonly lowerInline: InlineFlowLowering;
  /** The flow's inline flows as recorded (record.ts), taken as lowering meets them. */
  readonly inlines: InlineRecordings;
}

export function newFlowState(
  pack: PackState,
  flow: { token: object; name: string; event?: FlowState["event"]; inlines?: InlineRecordings },
  lowerInline: InlineFlowLowering,
): FlowState {
  return {
    pack,
    token: flow.token,
    name: flow.name,
    event: flow.event,
    cardRefs: new UniqueNames(),
    lowered: new Map(),
    byCard: new Map(),
    deferred: [],
    scope: undefined,
    pending: [],
    inlineStack: [],
    lowerInline,
    inlines: flow.inlines ?? new Map(),
  };
}

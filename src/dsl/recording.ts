/**
 * What a flow body records (src/dsl/builder.ts places, src/compile/lower reads): per scope, the cards placed in
 * storage order with their role, the control-flow edges between them and the raw pins.
 */
import type { IrTransform } from "../ir/types.js";
import type { CallSite, CardNode, Input, Ref } from "./types.js";

/** How lower must build a node that is not an ordinary card. */
export type NodeRole =
  | { kind: "card" }
  | { kind: "root" }
  | { kind: "branchHead"; value: boolean }
  | { kind: "join"; values: Array<{ key: string; fromThen?: Input<unknown>; fromElse?: Input<unknown> }> }
  /** A hidden Object Expand card (`f.expand`): the output it reads and one group (id, field path) per field. */
  | { kind: "expand"; source: Ref; fields: Array<{ group: string; path: string[] }> };

export interface RecordedNode extends CardNode {
  readonly role: NodeRole;
  /** The scope (top-level flow body or inline flow) the card is placed in. */
  readonly scope: Recording;
  /** If cards: their branch heads. */
  branches?: Array<{ head: RecordedNode; value: boolean }>;
}

/** Raw pins recorded with `f.pin` (several branches into one Join input, odd transforms). */
export interface RecordedPin {
  source: Ref;
  target: RecordedNode;
  input: string;
  /** undefined: Okta's automatic conversion; null: none. */
  transform?: IrTransform | null;
  site?: CallSite;
}

/** One scope: the cards placed in it (storage order), its control-flow edges and raw pins. */
export interface Recording {
  /** Shared by a flow's top-level scope and all its inline flows. */
  flow: object;
  nodes: RecordedNode[];
  edges: Array<[RecordedNode, RecordedNode]>;
  pins: RecordedPin[];
}

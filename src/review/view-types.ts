/**
 * The presentation model: a flopack as a reviewer sees it, with every generated id replaced by a human name.
 * `show`, `diff`, `graph` and `checklist` read only these types; src/review/pack-view.ts builds them.
 */
import type { CardKind } from "./address.js";

export interface PackView {
  folders: FolderView[];
  connections: ConnectionView[];
  tables: TableView[];
  flows: FlowView[];
  /** Flows the pack calls but does not hold (stubs: `data: null`), sorted by name. */
  externalFlows: ExternalFlowView[];
}

/** A flow that lives elsewhere: the export holds only its stub (id, name, description). */
export interface ExternalFlowView {
  name: string;
  description: string;
  /** Flows of this pack that call it (names, sorted). */
  calledBy: string[];
}

export interface FolderView {
  path: string;
  name: string;
  description: string;
}

export interface ConnectionView {
  name: string;
  connector: string;
  /** Flows whose cards use it (names, sorted). */
  usedBy: string[];
  /**
   * Set when the connection's `data` is not null (a credential: exports never carry one): a digest that tells two
   * values apart. Review output says that data is there, never what it is.
   */
  dataDigest?: string;
}

export interface TableView {
  name: string;
  description: string;
  folder: string | null;
  columns: Array<{ name: string; type: string; default: unknown }>;
}

export type TriggerKind = "schedule" | "helper" | "api-endpoint" | "delegated" | "event" | "manual" | "unknown";

export interface ScheduleView {
  words: string;
  cron: string;
  timeZone: string;
  startDate: string;
  endDate: string;
}

export interface FlowView {
  name: string;
  description: string;
  folder: string | null;
  triggerKind: TriggerKind;
  trigger: Card | null;
  schedule: ScheduleView | null;
  saveAllData: boolean;
  securityLevel: string | null;
  steps: Card[];
  unreachable: Card[];
  notes: string[];
  anomalies: string[];
  /** Every card of the flow (inline ones included), by execution position. */
  cards: Card[];
}

export interface Ref {
  /** The source card, or null when the wire points at nothing resolvable. */
  card: Card | null;
  /** Shown when `card` is null. */
  missing?: string;
  output: string;
  path: string[];
  convert: string | null;
}

export interface Wire {
  input: string;
  sources: Ref[];
}

export interface Field {
  input: string;
  value: unknown;
}

export type TemplatePart = { text: string } | { ref: Ref } | { value: unknown };

export interface Block {
  label: string;
  /** The inline flow's start card: wires from it read as the owning card. */
  root: Card | null;
  steps: Card[];
  unreachable: Card[];
}

export interface ErrorPolicyView {
  type: string;
  retry?: unknown;
  delay?: unknown;
  retryCondition?: unknown;
  flow?: string;
  merge?: unknown;
  other?: Record<string, unknown>;
}

export interface Card {
  /** Execution position in its flow, pre-order; -1 for cards that are never shown (aliases). */
  pos: number;
  label: string;
  name: string;
  kind: CardKind;
  /** Connection name for connector cards (null = none chosen); undefined for kernel cards. */
  connection?: string | null;
  options: Field[];
  constants: Field[];
  calls: Field[];
  template: { input: string; parts: TemplatePart[] } | null;
  wires: Wire[];
  /**
   * Fields the author added to the card (helper parameters, API endpoint fields, For Each arguments, Assign and
   * Return fields...): label → type, with the list item field an argument takes (`object ← item.id`).
   */
  fields: Field[];
  /** Outputs the author added, where they are not the fields again: label → type. */
  outputs: Field[];
  errorPolicy: ErrorPolicyView | null;
  comment: string | null;
  blocks: Block[];
  /** Where it stands: block path + index, for "moved" reports. */
  location: string;
}

/** A wire written inside a constant (e.g. a Tables "Where Expression" `{methodId, outputId}`). */
export class EmbeddedRef {
  constructor(readonly ref: Ref) {}
}

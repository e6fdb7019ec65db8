/**
 * The intermediate representation (IR) of a flopack: everything a flopack says, minus what is generated
 * (ids, `created`, `checksum`, caches such as `display.preview`) and minus what the card catalog already knows
 * (card templates). Every pass goes into or out of this model:
 *
 *   DSL ──lower──▶ IR ──emit──▶ flopack        flopack ──lift──▶ IR ──codegen──▶ TypeScript
 *
 * References between objects use `ref`s: stable names local to the pack (flows, folders, tables, connections)
 * or to the flow (cards, including the cards of the flow's inline flows). Emit derives ids from them.
 * The IR is plain data (JSON-serialisable, no classes, no cycles) and nothing in it is mutated by a pass.
 */

import type { Json, JsonObject } from "../util/json.js";

export type { Json, JsonObject };

export interface IrPack {
  folders: IrFolder[];
  connections: IrConnection[];
  tables: IrTable[];
  flows: IrFlow[];
  /**
   * Flows the pack calls but does not hold: written as stubs (`{ id, name, description, data: null }`), as Okta
   * writes the flows a single-flow or folder export calls from outside it. Calls refer to them by ref like flows.
   */
  externalFlows: IrExternalFlow[];
  /** `data.projectOverview` when the export had one (always `{}` in practice). */
  projectOverview?: Json;
}

/** A flow kept elsewhere (another file, or only the org), called by name. */
export interface IrExternalFlow {
  ref: string;
  name: string;
  description: string;
}

export interface IrFolder {
  ref: string;
  name: string;
  description: string;
  /** The parent folder's ref, or null for a top folder. */
  parent: string | null;
  /** Whether `data.path` is written (exports from 1.4.0 on carry it). */
  withPath: boolean;
  /** `data.media_uri` (always "" in practice). */
  mediaUri: string;
}

export interface IrConnection {
  ref: string;
  /** The user's label, e.g. "Office 365 Admin". */
  name: string;
  /** The connector key (`configs[].module`), e.g. "office365admin". */
  connector: string;
}

export interface IrTableColumn {
  name: string;
  type: "str" | "dec" | "dte" | "bln" | string;
  default: string | null;
}

export interface IrTable {
  ref: string;
  name: string;
  description: string;
  /** Folder ref, or a verbatim folder id when the export does not include that folder. */
  folder: IrFolderLink;
  columns: IrTableColumn[];
  /** `data.class` (always "simple"). */
  tableClass: string;
}

/** A link to an object of this pack, or an id the export points to without including the object. */
export type IrLink = { ref: string } | { dangling: string };
export type IrFolderLink = IrLink | null;

/** The 10-key schedule of a Scheduled Flow, verbatim (FLOPACK.md §3.6). */
export interface IrCron {
  seconds: string;
  minutes: string;
  hours: string;
  dayOfTheMonth: string;
  month: string;
  dayOfTheWeek: string;
  startDate: string;
  endDate: string;
  recurrence: number;
  timeZone: string;
}

export interface IrFlow {
  ref: string;
  name: string;
  description: string;
  folder: IrFolderLink;
  /** "Save all data that passes through the flow" (`flo.data.log`). */
  saveAllData: boolean;
  /** `flo.data.cron` when the flow is scheduled (`scheduled: true`), else null. */
  schedule: IrCron | null;
  /** `flo.data.security_level`: "open" | "medium" | "high" | null. */
  securityLevel: string | null;
  body: IrScope;
  /**
   * `flo.data` keys beyond the 13 core keys, verbatim and in order (e.g. `templateName: null`, `actionId: null`).
   * Lets emit write exactly the key set a given export had; DSL flows get the 1.5.0 set.
   */
  extraKeys: JsonObject;
  /**
   * The ref of an earlier flow of the same name and content: this flow is a copy of it (an export can hold the
   * same flow twice). Emit writes the original's flow data under this flow's id, card ids included.
   */
  copyOf?: string;
}

/** A flow body: the top-level flow's, or an inline flow's (If/ElseIf branch, If Error block, event wrapper). */
export interface IrScope {
  /** Cards in `methods[]` storage order. */
  cards: IrCard[];
  /** Control-flow edges `[from card ref, to card ref]` in storage order (duplicates and self-loops kept). */
  orderings: Array<[string, string]>;
  /**
   * For inline flows only: the inline flow object's keys other than `id`, `uuid`, `methods`, `orderings`
   * (e.g. `display`, `tree`, `model`, `security_level`, `log`, `inheritLog`, `group`), with card uuids in
   * `display.aliases` keys replaced by card refs. Undefined for top-level flow bodies.
   */
  inline?: JsonObject;
}

/** Identifies an input or output entry of a card: its group, key and (when a card repeats them) occurrence. */
export interface IrEntryRef {
  group: string | null;
  key: string;
  /** 0 for the first entry with this (group, key) on this side of the card; only written when > 0. */
  nth?: number;
}

/**
 * The conversion Okta applies on a pin whose types differ (FLOPACK.md §5.4). `convert` is absent when the
 * transform only wraps the value into a list (`forceWrapArray: true`).
 */
export interface IrTransform {
  convert?: string;
  forceWrapArray: boolean;
}

export interface IrPin {
  output: IrEntryRef;
  target: string; // card ref
  input: IrEntryRef;
  transform: IrTransform | null;
}

export interface IrJoin {
  input: IrEntryRef;
  links: Array<{ output: IrEntryRef; transform: IrTransform | null }>;
}

/**
 * A value held in an entry's `value.data`, with pack references made explicit:
 * a helper flow (a `flo` input holding a flow uuid), an inline flow, a table (the `stash` option), or plain JSON.
 */
export type IrValue =
  | { kind: "json"; data: Json; ids?: IrDataId[] }
  | { kind: "flow"; flow: string }
  | { kind: "inline"; scope: IrScope }
  | { kind: "table"; table: string };

/**
 * A card id (or a card output's entry id) held inside constant data, e.g. a Tables search filter's
 * `expr[i].rhd.methodId` / `rhd.outputId`; `data` holds null at `path`.
 */
export interface IrDataId {
  path: Array<string | number>;
  card: IrLink;
  /** The id is that card's output entry (`outputId`), not the card's uuid. */
  output?: IrEntryRef;
}

/**
 * An entry the template does not have (custom fields: helper parameters, Assign/Return/Compose fields,
 * wormholes, user-added request fields), kept whole except its id and `metadata.index`.
 * Card and entry references inside `metadata` (`wormholeMethodId`, `srcMethodId`, `srcOutputId`) are refs.
 */
export interface IrExtraEntry {
  /** The entry object without `id` and `_used`; `value.data` is `null` here and held by `value` below. */
  entry: JsonObject;
  value: IrValue;
  /** References held in `metadata` (their values in `entry` are placeholders). */
  links?: {
    wormholeMethodId?: IrLink; // card ref
    srcMethodId?: IrLink; // card ref
    srcOutputId?: { card: string; entry: IrEntryRef } | { dangling: string };
    /** `metadata.method`: a Tables filter field's source card. */
    method?: IrLink;
    /** The entry's `key` is this card output's entry id (Tables filter fields are keyed so). */
    keyOf?: { card: string; entry: IrEntryRef };
  };
}

/** Error policy (`node.model.policy.error`), with helper-flow and inline handler references made explicit. */
export interface IrPolicy {
  /** The policy object without `flo`. */
  error: JsonObject;
  /** `flo` when present: a helper flow ref, an inline handler flow, or a verbatim value (e.g. a stray number). */
  flo?: { kind: "flow"; flow: string } | { kind: "inline"; scope: IrScope } | { kind: "json"; data: Json };
  /** `policy` keys other than `error`, verbatim (none seen so far). */
  rest?: JsonObject;
}

export interface IrCard {
  /** Unique within the flow, inline flows included. */
  ref: string;
  address: string;
  /** The catalog variant whose template this card instantiates. */
  variant: string;
  /** Display name (`node.data.name` = `model.metadata.name`). */
  name: string;
  /**
   * Hidden object-expand cards are named after their source card's uuid (FLOPACK.md §6.9): that card's ref.
   * When set, emit writes the source's uuid as the name and `name` is ignored.
   */
  nameOf?: string;
  /** Connection ref, a verbatim dangling id, or null (no connection chosen). */
  connection: IrLink | null;
  /** `model.display.configRef` when present (a connection the card was last set to, sometimes dangling). */
  configRef?: IrLink;
  /** `model.comments` when it differs from the template (Comment card text, edited help text). */
  comments?: Json;
  /** Values of template entries whose `value.data` differs from the template (keyed by `entryKey()`). */
  inputValues: Array<{ entry: IrEntryRef; value: IrValue }>;
  outputValues: Array<{ entry: IrEntryRef; value: IrValue }>;
  /** Entries the template lacks, in storage order; and template entries this card lacks. */
  extraInputs: IrExtraEntry[];
  extraOutputs: IrExtraEntry[];
  removedInputs: IrEntryRef[];
  removedOutputs: IrEntryRef[];
  policy: IrPolicy;
  pins: IrPin[];
  /** If/Else: branch head card ref → true/false. */
  branches: Array<{ head: string; value: boolean }>;
  joins: IrJoin[];
  /**
   * Raw escape hatch: `node.model` keys whose value differs from the template (other than inputs/outputs data,
   * config, metadata.name, policy), and the template keys this card lacks (`null` in `removedModelKeys`).
   * Empty on cards that match their template; codegen counts the rest as raw cards.
   */
  modelPatch: JsonObject;
  removedModelKeys: string[];
  /** `parents.*.data.id` and other method-level deviations from the template (environment numbers etc.). */
  methodPatch: JsonObject;
}

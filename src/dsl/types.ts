/**
 * The DSL's value types: what flow files build and what `lower` reads. Plain objects tagged by `kind`;
 * user-facing helpers (flow, schedule, connection, card factories) only construct these.
 */
import type { Json, JsonObject } from "../util/json.js";
import type { InlineShapeChanges } from "../shapes/inline-flow.js";
import type { TableColumnType } from "../shapes/tables.js";

export type { TableColumnType };

/** Where in a flow file a DSL value was made (for error messages: file and line of the offending call). */
export interface CallSite {
  file: string;
  line: number;
  column: number;
}

/** Okta value types: a primitive type name, or an object schema `{field: {type, collection}}`. */
export type OktaType = "string" | "number" | "boolean" | "Date" | "object" | "file" | "flo" | JsonObject;

/** Branded TS types for Okta values that plain TS types cannot tell apart. */
export type OktaDate = string & { readonly __okta?: "Date" };
export interface OktaFile {
  readonly __okta: "file";
}
export type OktaObject = { [key: string]: unknown };

/**
 * A reference to an output of a card (or of the trigger), optionally drilled into a sub-field path.
 * `output` is the output's entry key (`"Status Code"`) or its camelCase name (`statusCode`); `lower`
 * resolves it against the card's template.
 */
export interface Ref<T = unknown> {
  readonly kind: "ref";
  /** The card node this output belongs to. */
  readonly node: CardNode;
  readonly output: string;
  /** Sub-field access into an object output. */
  readonly path?: readonly string[];
  /** Phantom: the TS type of the value. */
  readonly __type?: T;
}

/** What an input accepts: a constant, or a reference to an output Okta can convert to the input's type. */
export type Input<T> = T | Ref<Convertible<T>>;

/**
 * The output types Okta converts automatically into an input of type T (FLOPACK.md §5.4):
 * string ← number, boolean, Date, object; number ← string; Date ← string; object ← string; T[] ← T.
 */
export type Convertible<T> = T extends readonly (infer E)[]
  ? T | E
  : T extends string
    ? string | number | boolean | OktaObject
    : T extends number
      ? number | string
      : T extends boolean
        ? boolean
        : T extends OktaObject
          ? OktaObject | string
          : T;

export interface Connection<C extends string = string> {
  readonly kind: "connection";
  /** The connection's label in Okta, e.g. "Office 365 Admin". */
  readonly name: string;
  /** Connector key, e.g. "office365admin". */
  readonly connector: C;
  readonly site?: CallSite;
}

export interface Folder {
  readonly kind: "folder";
  readonly name: string;
  readonly description?: string;
  readonly parent?: Folder;
  /** `withPath: false` for exports older than 1.4.0 (no `data.path`); `mediaUri` verbatim. */
  readonly raw?: { withPath?: boolean; mediaUri?: string };
  readonly site?: CallSite;
}

/** The TS types of a table's columns, by column name (`table(...)` carries them into the Tables cards' types). */
export type TableColumns = Record<string, TableColumnType>;

/** The TS type of a column type. */
export type ColumnValue<T extends TableColumnType> = T extends "number"
  ? number
  : T extends "boolean"
    ? boolean
    : T extends "Date"
      ? OktaDate
      : string;

/** The names of a table's columns (`string` when its columns are unknown). */
export type ColumnName<C extends TableColumns> = keyof C & string;

/** The fields every row of a table has besides its columns (as Okta types Search Rows' rows). */
export interface RowFields {
  "Row ID": string;
  Created: OktaDate;
  Updated: OktaDate;
}

/** A row of a table as Tables cards return it: a value per column, and the row's id and times. */
export type TableRow<C extends TableColumns> = { [K in ColumnName<C>]: ColumnValue<C[K]> } & Omit<RowFields, keyof C>;

export interface Table<C extends TableColumns = TableColumns> {
  readonly kind: "table";
  /** Phantom: the columns' types. */
  readonly __columns?: C;
  readonly name: string;
  readonly description?: string;
  readonly folder?: Folder;
  readonly columns: ReadonlyArray<{ name: string; type: TableColumnType; default?: string | null }>;
  /** Verbatim column types (`str`, `dec`, ...), folder id and class, for exports flocode's types do not cover. */
  readonly raw?: { columnTypes?: readonly string[]; folderId?: string; tableClass?: string };
  readonly site?: CallSite;
}

/** Error policy of a card (the card's "Error handling" dialog). */
export type ErrorPolicy =
  | { type: "halt"; retry?: number; delayMs?: number | [number, number]; retryOnRateLimitOnly?: boolean }
  | { type: "continue"; retry?: number; delayMs?: number | [number, number]; retryOnRateLimitOnly?: boolean }
  | { type: "helper"; flow: FlowRefLike; retry?: number; delayMs?: number | [number, number]; retryOnRateLimitOnly?: boolean }
  /**
   * Exactly the `policy.error` object (escape hatch); `handler` fills its `flo` key: a helper flow, an inline
   * flow (If Error), or a verbatim JSON value. `rest` = other `policy` keys, verbatim.
   */
  | {
      type: "raw";
      error: JsonObject;
      handler?: FlowRefLike | InlineFlow | { readonly kind: "json"; readonly data: Json };
      rest?: JsonObject;
    };

/**
 * A flow referenced by a Call Flow / For Each card or an error policy: a flow definition, its name (a flow of the
 * same pack), or a flow kept outside the pack (`externalFlow("name")`).
 */
export type FlowRefLike = FlowDef | { readonly kind: "flowName"; readonly name: string } | ExternalFlow;

/**
 * A flow kept outside the pack (maintained in another pack, or only in the org), called by name: `build`
 * writes its stub (`{ id, name, description, data: null }`), as Okta's own exports do for flows they call but do
 * not hold. Import that flow into the org before the built file.
 */
export interface ExternalFlow {
  readonly kind: "externalFlow";
  readonly name: string;
  readonly description: string;
  readonly site?: CallSite;
}

/** An extra (custom) field on a card: helper-flow parameters, Assign/Return/Compose fields, request fields. */
export interface CustomField {
  key: string;
  group?: string | null;
  type: OktaType;
  collection?: boolean;
  value?: Input<unknown> | InlineFlow;
  /** The field's label and description in the Okta UI (`metadata.displayname` / `metadata.description`). */
  displayName?: string;
  description?: string;
  /** For Each / Map / Filter / Reduce arguments: the path of the list item's field passed in (null: none). */
  fromItem?: string | null;
  /** The types the Okta UI offers for this field, when not the card's usual list (older exports lack "folder"). */
  available?: readonly string[];
  /** The UI does not let the field's type be changed (`metadata.typeLocked`). */
  typeLocked?: boolean;
  /** `metadata.optional`, as some exports have it. */
  optional?: boolean;
  /** Whether the field is shown collapsed in the UI (`metadata.collapsed`). */
  collapsed?: boolean;
  /** The entry's `ref` flag (undocumented; Okta sets it on list-producing outputs). */
  refFlag?: boolean;
  /** Assign fields: no UI label or description at all (by default an Assign field is labelled with its key). */
  unlabelled?: boolean;
  /** The whole entry (without `id`), written verbatim instead of the usual custom-field shape. */
  raw?: JsonObject;
  /** `metadata.wormholeMethodId`: the card on the other side of an inline-flow wormhole. */
  wormhole?: Card<unknown> | { readonly dangling: string };
  /** `metadata.method`: the card a hidden Tables filter field reads (a function for a card placed later). */
  method?: Card<unknown> | { readonly dangling: string } | (() => Card<unknown>);
  /** The field's key is this output's id (hidden Tables filter fields are keyed so). */
  keyOf?: Ref | (() => Ref);
  /**
   * `metadata.srcMethodId` / `srcOutputId`: the card (and output) a hidden object-expand field reads. An export may
   * hold the output's id without the card's: then `card` is left out and `output` is `{ dangling }`.
   */
  source?: { card?: Card<unknown> | { readonly dangling: string }; output?: string | { readonly dangling: string } };
}

/**
 * A value converted on the wire: `convert(ref, "toString")` (an explicit Okta transform; null = none; undefined:
 * no named conversion, only `forceWrapArray`).
 */
export interface Converted {
  readonly kind: "convert";
  readonly ref: Ref;
  readonly convert: string | null | undefined;
  readonly forceWrapArray: boolean;
}

/** A flow stored inside a card (If/ElseIf branch, If Error block, event wrapper): `inline(root, body)`. */
export interface InlineFlow {
  readonly kind: "inline";
  readonly root: CardSpec<unknown>;
  readonly body?: (g: unknown) => void;
  /** The inline flow object's other keys, verbatim (`display`, `tree`, `security_level`, `log`...). */
  readonly shape?: InlineShapeChanges;
  readonly site?: CallSite;
}

/**
 * One card as written in a flow file. Card factories (`flocode/cards`) and `card(address, ...)` produce these.
 * Inputs are keyed by the entry key (`"Relative URL"`); where a card has the same key in two groups,
 * by `"<group>/<key>"`.
 */
export interface CardSpec<O = Record<string, unknown>> {
  readonly kind: "card";
  readonly address: string;
  /** Catalog variant; default: chosen from option values, else the address's default variant. */
  readonly variant?: string;
  /** Display name; default: the template's name. */
  readonly name?: string;
  readonly connection?: Connection | null;
  /** Options (`flags: "p"`, the gear dialog) by key. */
  readonly options?: Readonly<Record<string, Json>>;
  /** Data inputs by key: constants or refs. */
  readonly inputs?: Readonly<Record<string, Input<unknown>>>;
  readonly customInputs?: readonly CustomField[];
  readonly customOutputs?: readonly CustomField[];
  readonly policy?: ErrorPolicy;
  /** Comment card text, or a connector card's help text override (`model.comments`). */
  readonly comments?: Json;
  /** Raw escape hatch: `node.model` keys replaced by these values. */
  readonly patch?: JsonObject;
  /** Output values (rare: outputs that hold data in the export). */
  readonly outputs?: Readonly<Record<string, Json | InlineFlow>>;
  /** Template inputs / outputs this card does not have (by key or "group/key"). */
  readonly removeInputs?: readonly string[];
  readonly removeOutputs?: readonly string[];
  /** Template `node.model` keys this card does not have. */
  readonly removeModelKeys?: readonly string[];
  /** Method-level keys replaced verbatim (`parents`, or `node.<key>`). */
  readonly methodPatch?: JsonObject;
  /** `model.display.configRef`: the connection the card was last set to, or a verbatim id. */
  readonly configRef?: Connection | string;
  /** Join cards: which output each input hands on (by key or "group/key"). */
  readonly joins?: ReadonlyArray<{
    input: string;
    /** `convert` omitted: no named conversion, only `forceWrapArray`. */
    outputs: ReadonlyArray<string | { output: string; convert?: string | null; forceWrapArray?: boolean }>;
  }>;
  readonly site?: CallSite;
  /** Phantom: the card's outputs. */
  readonly __outputs?: O;
}

/** A card placed in a flow: its spec and its identity (outputs are reached through `Card`). */
export interface CardNode {
  readonly kind: "cardNode";
  readonly spec: CardSpec<unknown>;
  /** The flow builder that placed it (an output of another flow is an error). */
  readonly owner: object;
  /** Position in the flow (unique within the flow). */
  readonly index: number;
}

/** The names `$out` takes: the card's outputs; any text for a card whose outputs are not typed (`card(...)`). */
export type OutputName<O> = unknown extends O ? string : string extends keyof O ? string : keyof O & string;
/** The type of an output `$out` reaches (`any` for a card whose outputs are not typed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputType<O, K> = unknown extends O ? any : string extends keyof O ? any : K extends keyof O ? O[K] : never;

/**
 * A placed card: each output is a typed `Ref` (`me.body`, `me.$out("body")`); `$custom("key")` reaches an
 * output its type does not list (a custom output, an output of a learned variant) by its key; `$node` is the
 * card itself.
 */
export type Card<O> = { readonly [K in keyof O]: Ref<O[K]> } & {
  readonly $node: CardNode;
  /** One of the card's outputs by name (a card made with `card(...)`: any output key). */
  $out<K extends OutputName<O>>(name: K): Ref<OutputType<O, K>>;
  /**
   * The escape for outputs the card's type does not list: a custom output (`customOutputs`), a field of a learned
   * variant, by its key. `any` unless typed: `user.$custom<string>("costCenter")`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  $custom<T = any>(key: string): Ref<T>;
};

/** What starts a flow; `O` types the trigger card's outputs (`f.trigger.<output>`). */
export type Trigger<O = Record<never, never>> = TriggerSpec & { readonly __outputs?: O };

export type TriggerSpec =
  | { kind: "schedule"; cron: ScheduleCron; site?: CallSite }
  | { kind: "apiEndpoint"; security: "open" | "clientToken"; fields?: readonly CustomField[]; site?: CallSite }
  /** `optional`: the parameters a calling card may leave unmapped. */
  | { kind: "helper"; params: readonly CustomField[]; optional?: readonly string[]; site?: CallSite }
  | { kind: "delegated"; params: readonly CustomField[]; site?: CallSite }
  | { kind: "event"; card: CardSpec<unknown>; site?: CallSite; wrapperVariant?: string; inline?: InlineShapeChanges }
  | { kind: "manual"; site?: CallSite }
  /** A root card written as a card (escape hatch; used by import for unusual roots). */
  | { kind: "card"; card: CardSpec<unknown>; site?: CallSite };

/** The cron fields of a Scheduled Flow, as Okta stores them (see `schedule.*` helpers). */
export interface ScheduleCron {
  minutes: string;
  hours: string;
  dayOfTheMonth: string;
  month: string;
  dayOfTheWeek: string;
  timeZone: string;
  startDate: string;
  endDate: string;
}

export interface FlowOptions<O = Record<never, never>> {
  name: string;
  description?: string;
  folder?: Folder;
  /** "Save all data that passes through the flow" (default true, as the Okta console suggests). */
  saveAllData?: boolean;
  trigger: Trigger<O>;
  /** The root card, when it is not the trigger's usual one (escape hatch: a learned variant, a renamed root). */
  root?: CardSpec<unknown>;
  /** Flow fields written verbatim (escape hatch used by import for exports of other format versions). */
  raw?: {
    /** `flo.data` keys after the 13 core keys (default: those of current exports). */
    extraKeys?: JsonObject;
    /** The folder id when the export points to a folder it does not include. */
    folderId?: string;
    /** `security_level` when it differs from what the trigger implies. */
    securityLevel?: string | null;
  };
}

export interface FlowDef {
  readonly kind: "flow";
  readonly options: FlowOptions<unknown>;
  readonly body?: (f: unknown) => unknown;
  readonly site?: CallSite;
}

/**
 * The contract between the simulator's interpreter (which walks a flow, wires values, runs control flow and
 * helper flows) and the library of function cards it calls (Okta's built-in Text, Number, Date, List, Object,
 * JSON, URL... cards and Tables), one `CardFunction` per card type.
 *
 * The interpreter resolves a card's entries (template entries, custom fields), computes each input's value
 * (a constant, or a wired output after Okta's conversion) and calls the card's function with them; the function
 * returns one value per declared output, in order. Control-flow cards (If/Else, Join, Continue If, Assign,
 * Return, Call Flow, For Each / Map / Filter / Reduce and their streaming forms, If Error, throw, Wait...) are
 * the interpreter's own and never reach a `CardFunction`.
 */

/** One input of a card as it runs. */
export interface CardInput {
  readonly group: string | null;
  readonly key: string;
  /** Okta's value type of the entry: "string", "number", "boolean", "Date", "object", "file", "flo", ... */
  readonly type: string;
  /** A list of `type`. */
  readonly collection: boolean;
  /** A choice option (entry flags "p", e.g. a comparison operator or a date unit) rather than a data input. */
  readonly option: boolean;
  /** A field the flow's author added (custom input), not one of the card's own. */
  readonly custom: boolean;
  /**
   * The value, or undefined when the input is empty (neither wired nor set). Values are JSON: text, numbers,
   * true/false, lists, objects; a Date & Time value is ISO 8601 text in UTC with milliseconds
   * ("2016-09-07T00:01:25.670Z"), as Okta's Execution History shows it.
   */
  readonly value: unknown;
}

/** One output a card declares; the function returns a value for each. */
export interface CardOutput {
  readonly group: string | null;
  readonly key: string;
  readonly type: string;
  readonly collection: boolean;
  readonly custom: boolean;
  /** The object schema Okta stores for an object output (`value.schema`), when there is one. */
  readonly schema?: unknown;
}

/** What a card may read besides its inputs; all of it is controlled by the test, so runs are deterministic. */
export interface CardEnvironment {
  /** The virtual clock, in milliseconds since the epoch (UTC). */
  now(): number;
  /** Deterministic randomness in [0, 1) for the cards that are random (Random Number, Random Text, Sample). */
  random(): number;
  /** The in-memory Workflows Tables of this run (see tables.ts). */
  readonly tables: TableStore;
}

export interface CardCall {
  /** The card's address (`root:kernel:string:0.0.1:concat`). */
  readonly address: string;
  /** The card's display name, for messages. */
  readonly name: string;
  readonly inputs: readonly CardInput[];
  readonly outputs: readonly CardOutput[];
  readonly env: CardEnvironment;
}

/** One value per `CardCall.outputs` entry, in the same order (undefined leaves an output empty). */
export type CardResult = readonly unknown[];

export type CardFunction = (call: CardCall) => CardResult;

/**
 * A card failing the way Okta's card would (a division by zero, a date it cannot parse, a row that does not
 * exist): the interpreter turns it into Okta's error object (`message`, `code`, `method`, `flo`, `execution`)
 * and applies the card's error policy or an enclosing If Error.
 */
export class CardFailure extends Error {
  constructor(
    message: string,
    /** The HTTP-like status Okta reports for the error (400 for bad input, 404 for a missing row...). */
    readonly code: number = 400,
  ) {
    super(message);
    this.name = "CardFailure";
  }
}

/** A Workflows Table row as Tables cards see it. */
export interface TableRow {
  /** Okta's row id. */
  readonly id: string;
  /** Column name → value. */
  readonly values: Record<string, unknown>;
  /** When the row was created and last updated (ISO text, from the run's clock); undefined for seeded rows given none. */
  readonly created?: string;
  readonly updated?: string;
}

export interface SimTable {
  /** The table's id as the flopack stores it (the `stash` option of Tables cards holds it). */
  readonly id: string;
  readonly name: string;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  /** Rows in insertion order. */
  readonly rows: TableRow[];
}

/** The tables of one run: built from the pack's tables and seeded by the test (see tables.ts). */
export interface TableStore {
  byId(id: string): SimTable | undefined;
  byName(name: string): SimTable | undefined;
  all(): readonly SimTable[];
  /** A row id no row of this run has had yet (ids are deterministic: "row-1", "row-2"...). */
  newRowId(): string;
}

/** The function-card library: card type (`module:key`, e.g. `string:concat`, `stash:createRow`) → function. */
export type CardLibrary = ReadonlyMap<string, CardFunction>;

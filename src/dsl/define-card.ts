/**
 * The runtime of the generated card factories (`flocode/cards`): `defineCard(meta)` turns the camelCase
 * props of a factory call into a `CardSpec` (inputs and options keyed by entry key), picks the catalog variant
 * that matches the option values, checks what TypeScript cannot check for JavaScript callers (unknown props,
 * constants of the wrong JS type), and records the caller's file and line.
 */
import type { Json, JsonObject } from "../util/json.js";
import { callSite } from "./call-site.js";
import { DslError } from "./errors.js";
import type { CardSpec, Connection, CustomField, ErrorPolicy } from "./types.js";
import { takesNoConnection } from "../shapes/known-cards.js";
import { didYouMean } from "../util/suggest.js";
import { settleProblems, type Problem } from "./problems.js";

/**
 * Type codes of an input in `FactoryMeta.inputs`: `|`-separated alternatives of
 * s string, n number, b boolean, d Date (ISO string), o object, f file, F flow, t table, `*` anything;
 * `[]` marks a list. An option is prefixed `p:`.
 */
export type TypeCode = string;

/** The compact per-card table the generator writes (src/cards/*). */
export interface FactoryMeta {
  readonly address: string;
  /** The card's default display name. */
  readonly name: string;
  /**
   * [prop, key in CardSpec.inputs/options, type code, the option's choices when it offers a list, the choices no
   * export shows the card with where the values exports show give it other outputs (refused: no template)].
   */
  readonly inputs: ReadonlyArray<readonly [string, string, TypeCode, (readonly Json[])?, (readonly Json[])?]>;
  /** [prop, group, key]: which output a `card.prop` reference means. */
  readonly outputs: ReadonlyArray<readonly [string, string | null, string]>;
  /**
   * [variant id, recorded option values by key, the inputs only some variants have that this one has (keys in
   * CardSpec.inputs), the type code this variant gives each input whose type the user may switch], default first.
   */
  readonly variants: ReadonlyArray<
    readonly [string, Readonly<Record<string, readonly Json[]>>, (readonly string[])?, Readonly<Record<string, TypeCode>>?]
  >;
  /** Whether the card takes a connection (false: kernel cards and the Tables cards, whose `config` is always null). */
  readonly connection?: boolean;
  /**
   * [address, variant id, recorded option values]: variants of other versions of the card that record option
   * values (among the option's choices) no variant of this version records, newest first. A call asking for such
   * a value is written on that version.
   */
  readonly alternates?: ReadonlyArray<readonly [string, string, Readonly<Record<string, readonly Json[]>>]>;
}

/** Props every card factory takes. */
export interface CommonCardProps {
  /** Display name (default: the card's name in the catalog). */
  name?: string;
  policy?: ErrorPolicy;
  /** Catalog variant id (default: chosen from the option values, else the address's default variant). */
  variant?: string;
  customInputs?: readonly CustomField[];
  customOutputs?: readonly CustomField[];
  /** `model.comments`: a connector card's help text override. */
  comments?: Json;
  /** Raw escape hatch: JSON merged into `node.model` after everything else. */
  patch?: JsonObject;
  /**
   * Values of fields the catalog cannot know in advance, by key: the columns of the table a Tables card works on
   * (`stash.createRow({ stash: users, fields: { Login: user.login } })`).
   */
  fields?: Readonly<Record<string, unknown>>;
}

/** Props of connector cards: the common props plus the connection, typed by connector key. */
export interface ConnectorCardProps<C extends string> extends CommonCardProps {
  connection?: Connection<C> | null;
}

/** What an event card's spec carries for `event(...)`: the fields it hands each run of its flow (phantom). */
export interface EventFields<E> {
  readonly __event?: E;
}

/**
 * Outputs that follow an option's value, by value: `[{ resultSet: "First 200 Matching Records" }, Outputs]`. The
 * option picks the variant a card is written on, and variants do not all have the same outputs (Okta's List Users
 * with Filter has `Users` with "First 200 Matching Records" only, and `ID`/`Status` without it).
 */
export type OptionOutputs = ReadonlyArray<readonly [object, unknown]>;

/**
 * A factory; its props are optional when none is required. Event cards (`E`) tell `event()` their fields. With
 * option outputs (`W`), one overload per option value returns that value's outputs; other calls the factory's `O`.
 */
export type CardFactory<P, O, E = never, W extends OptionOutputs = []> = OptionOverloads<P, E, W> & PlainFactory<P, O, E>;

// `{} extends P` asks "are all props optional?"; `{}` is meant here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type PlainFactory<P, O, E> = {} extends P ? (props?: P) => CardSpec<O> & EventFields<E> : (props: P) => CardSpec<O> & EventFields<E>;

type OptionOverloads<P, E, W extends OptionOutputs> = [W[number]] extends [never]
  ? unknown
  : UnionToIntersection<
      { [K in keyof W]: W[K] extends readonly [infer Q, infer OQ] ? (props: P & Q) => CardSpec<OQ> & EventFields<E> : never }[number]
    >;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

const COMMON = new Set(["name", "connection", "policy", "variant", "customInputs", "customOutputs", "comments", "patch", "fields"]);

const metaBySpec = new WeakMap<object, FactoryMeta>();

const metaByFactory = new WeakMap<object, FactoryMeta>();

/** The metadata of a card factory itself (`office365admin.getLicenses`): what mocks of that card type are keyed by. */
export function factoryMeta(factory: unknown): FactoryMeta | undefined {
  return typeof factory === "function" ? metaByFactory.get(factory) : undefined;
}

/** The factory metadata a spec was made from (output names → entries), for the flow builder. */
export function factoryMetaOf(spec: CardSpec<unknown>): FactoryMeta | undefined {
  return metaBySpec.get(spec);
}

export function defineCard<P, O, E = never, W extends OptionOutputs = []>(meta: FactoryMeta): CardFactory<P, O, E, W> {
  const inputs = new Map(meta.inputs.map(([prop, key, code, choices, unseen]) => [prop, { key, code, choices, unseen }]));
  const factory = (props?: P): CardSpec<O> => {
    const site = callSite(1);
    const problems: Problem[] = [];
    // A mistaken property is left out of the spec (its problem names it); the others are kept.
    const problem = (message: string, keys?: readonly string[], incomplete?: boolean): void => {
      problems.push({ error: new DslError(`${meta.name} (${meta.address}): ${message}`, site), keys, incomplete });
    };
    if (props !== undefined && (typeof props !== "object" || props === null || Array.isArray(props))) {
      problem("expected one props object", undefined, true);
      return settleProblems(Object.freeze({ kind: "card", address: meta.address, ...(site ? { site } : {}) }), problems) as CardSpec<O>;
    }
    const given = (props ?? {}) as Record<string, unknown>;
    const options: Record<string, Json> = {};
    const values: Record<string, unknown> = {};
    for (const prop of Object.keys(given)) {
      const value = given[prop];
      if (value === undefined) continue;
      const input = inputs.get(prop);
      if (!input) {
        if (COMMON.has(prop)) continue;
        const known = [...inputs.keys(), ...COMMON];
        problem(`unknown property ${JSON.stringify(prop)}${didYouMean(prop, known)} (known: ${known.join(", ")})`, undefined, true);
        continue;
      }
      // An option's choices pick the variant, so the factory checks them; an input's choices are checked when the
      // card is lowered, against the template's labelled choices (one message for both ways of writing a card).
      const choices = input.code.startsWith("p:") ? input.choices : undefined;
      const wrong = checkValue(value, input.code, choices);
      if (wrong) {
        problem(`property "${prop}" ${wrong}${choiceSuggestion(value, choices)}`, [input.key]);
        continue;
      }
      if (input.unseen?.some((u) => u === value)) {
        problem(`property "${prop}" is ${JSON.stringify(value)}, which no export shows this card with: ${unseenReason(input)}`, [
          input.key,
        ]);
        continue;
      }
      if (input.code.startsWith("p:")) setOwn(options, input.key, value as Json);
      else setOwn(values, input.key, value);
    }
    const common = { ...(given as Partial<ConnectorCardProps<string>>) };
    if (common.name !== undefined && typeof common.name !== "string") {
      problem(`property "name" must be a string`);
      delete common.name;
    }
    if (common.variant !== undefined && typeof common.variant !== "string") {
      problem(`property "variant" must be a variant id (a string)`);
      delete common.variant;
    }
    if (common.connection !== undefined && common.connection !== null) {
      const wrong = connectionProblem(common.connection, meta.address);
      if (wrong) {
        problem(`property "connection" ${wrong}`);
        delete common.connection;
      }
    }
    const chosen =
      common.variant !== undefined
        ? { address: meta.address, variant: common.variant }
        : chooseCardVariant(meta, options, [...Object.keys(values), ...Object.keys(options)], values);
    const spec: Record<string, unknown> = { kind: "card", address: chosen.address };
    if (chosen.variant !== undefined) spec.variant = chosen.variant;
    if (common.name !== undefined) spec.name = common.name;
    if (common.connection !== undefined) spec.connection = common.connection;
    if (common.fields !== undefined) {
      if (typeof common.fields !== "object" || common.fields === null || Array.isArray(common.fields))
        problem(`property "fields" must be an object of values by field key`, undefined, true);
      else
        for (const [key, value] of Object.entries(common.fields)) {
          if (Object.hasOwn(values, key)) problem(`field "${key}" is also given as a property`, [key]);
          else setOwn(values, key, value);
        }
    }
    if (Object.keys(options).length > 0) spec.options = options;
    if (Object.keys(values).length > 0) spec.inputs = values;
    for (const key of ["customInputs", "customOutputs", "policy", "comments", "patch"] as const) {
      if (common[key] !== undefined) spec[key] = common[key];
    }
    if (site) spec.site = site;
    for (const key of ["options", "inputs"]) if (spec[key]) Object.freeze(spec[key]);
    const result = Object.freeze(settleProblems(spec, problems)) as unknown as CardSpec<O>;
    metaBySpec.set(result, meta);
    return result;
  };
  metaByFactory.set(factory, meta);
  return factory as unknown as CardFactory<P, O, E, W>;
}

/** A connection of the wrong connector is reported by lowering, which knows the connection's name. */
function connectionProblem(value: unknown, address: string): string | undefined {
  const reason = takesNoConnection(address);
  if (reason) return `is not taken: ${reason}`;
  if (typeof value !== "object" || (value as { kind?: unknown }).kind !== "connection")
    return "must be a connection (connection(name, connector))";
  return undefined;
}

/** Why an option value no export shows is refused, and what the user can do instead. */
function unseenReason(input: { key: string; choices?: readonly Json[]; unseen?: readonly Json[] }): string {
  const seen = (input.choices ?? []).filter((c) => !input.unseen!.includes(c)).map((c) => JSON.stringify(c));
  return (
    `its outputs differ with each value and flocode has no template for this one (exports show ${seen.join(", ")}); ` +
    `build the card in Okta with ${JSON.stringify(input.key)} set so, export the flow and import it (flocode import), or use one of those values`
  );
}

/** `; did you mean "x"?` for a string constant near one of the choices. */
function choiceSuggestion(value: unknown, choices: readonly Json[] | undefined): string {
  if (typeof value !== "string" || !choices || choices.length === 0) return "";
  return didYouMean(
    value,
    choices.map((c) => String(c)),
  );
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The variant of the factory's version the option values and inputs pick (see `chooseCardVariant`), if any. */
export function chooseVariant(
  meta: FactoryMeta,
  options: Readonly<Record<string, Json>>,
  inputs: readonly string[] = [],
  values: Readonly<Record<string, unknown>> = {},
): string | undefined {
  const chosen = chooseCardVariant(meta, options, inputs, values);
  return chosen.address === meta.address ? chosen.variant : undefined;
}

/**
 * The address and variant option values pick, the same choice lower makes among catalog variants:
 * - a value no variant of the factory's version records, that a variant of another version (`alternates`) does:
 *   that version's variant (a GET Custom API Action where this version was only seen with PATCH);
 * - else the first variant (default first) recording every given value some variant records; values no variant
 *   records do not pick one (one of the option's choices Okta's exports never showed: the default's shape);
 * - among those, the one with the most of the given inputs only some variants have (Slack's `channelId`), then the
 *   most constants of the type it gives an input whose type the user may switch (Reduce's `memo: {}`), then the
 *   fewest inputs only some variants have that are not given.
 */
export function chooseCardVariant(
  meta: FactoryMeta,
  options: Readonly<Record<string, Json>>,
  inputs: readonly string[] = [],
  values: Readonly<Record<string, unknown>> = {},
): { address: string; variant?: string } {
  const records = (o: Readonly<Record<string, readonly Json[]>>, k: string, v: Json) => Object.hasOwn(o, k) && o[k]!.some((x) => x === v);
  const asked = Object.entries(options).filter(
    ([k]) => meta.variants.some(([, o]) => Object.hasOwn(o, k)) || (meta.alternates ?? []).some(([, , o]) => Object.hasOwn(o, k)),
  );
  const unrecorded = asked.filter(([k, v]) => !meta.variants.some(([, o]) => records(o, k, v)));
  if (unrecorded.length > 0) {
    const alternate = (meta.alternates ?? []).find(
      ([, , o]) => unrecorded.every(([k, v]) => records(o, k, v)) && asked.every(([k, v]) => !Object.hasOwn(o, k) || records(o, k, v)),
    );
    if (alternate) return { address: alternate[0], variant: alternate[1] };
  }
  const keys = asked.filter(([k, v]) => meta.variants.some(([, o]) => records(o, k, v)));
  const matching = meta.variants.filter(([, o]) => keys.every(([k, v]) => records(o, k, v)));
  if (matching.length > 1 && meta.variants.some(([, , has, codes]) => has !== undefined || codes !== undefined)) {
    const constants = Object.entries(values).filter(([, v]) => v !== null && !isRef(v));
    const score = ([, , has = [], codes = {}]: (typeof matching)[number]) =>
      1_000_000 * inputs.filter((k) => has.includes(k)).length +
      1000 * constants.filter(([k, v]) => codes[k] !== undefined && checkValue(v, codes[k]!) === undefined).length -
      has.filter((k) => !inputs.includes(k)).length;
    let best = matching[0]!;
    for (const v of matching) if (score(v) > score(best)) best = v;
    // No preference: lower picks among them by the types of the outputs wired in.
    if (best !== matching[0] || keys.length > 0) return { address: meta.address, variant: best[0] };
    return { address: meta.address };
  }
  return keys.length > 0 && matching[0] ? { address: meta.address, variant: matching[0][0] } : { address: meta.address };
}

/** A wire rather than a constant: an output reference, or one with an explicit conversion (`convert(...)`). */
function isRef(value: unknown): boolean {
  const kind = typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === "ref" || kind === "convert";
}

/** Why a constant does not fit a type code, or undefined when it fits (refs and null always fit here). */
export function checkValue(value: unknown, code: TypeCode, choices?: readonly Json[]): string | undefined {
  if (value === null || isRef(value)) return undefined;
  if (choices && choices.length > 0) {
    if (choices.some((c) => c === value)) return undefined;
    return `must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}, got ${describeValue(value)}`;
  }
  const alternatives = code.replace(/^p:/, "").split("|");
  if (alternatives.some((alt) => fits(value, alt))) return undefined;
  return `must be ${alternatives.map(describe).join(" or ")}, got ${describeValue(value)}`;
}

function fits(value: unknown, alt: string): boolean {
  if (alt === "*") return true;
  if (alt.endsWith("[]")) return Array.isArray(value) && value.every((v) => v === null || isRef(v) || fits(v, alt.slice(0, -2)));
  switch (alt) {
    case "s":
    case "d":
      return typeof value === "string";
    case "n":
      return typeof value === "number" && Number.isFinite(value);
    case "b":
      return typeof value === "boolean";
    case "o":
    case "f":
      return typeof value === "object" && !Array.isArray(value);
    case "F":
      return (
        typeof value === "object" &&
        !Array.isArray(value) &&
        ["flow", "flowName", "externalFlow", "inline"].includes((value as { kind?: string }).kind ?? "")
      );
    case "t":
      return typeof value === "object" && !Array.isArray(value) && (value as { kind?: string }).kind === "table";
    default:
      return false;
  }
}

function describe(alt: string): string {
  if (alt.endsWith("[]")) return `a list of (${describe(alt.slice(0, -2))})`;
  const names: Record<string, string> = {
    "*": "anything",
    s: "a string",
    d: "an ISO date string",
    n: "a finite number",
    b: "a boolean",
    o: "an object",
    f: "a file",
    F: "a flow (a flow definition, a flow name or an inline flow)",
    t: "a table (table(...))",
  };
  return names[alt] ?? alt;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value;
}

/**
 * If Error cards (`control:tryCatch`, FLOPACK.md §6.8) that `f.ifError(attempt, onError, options)` gives back
 * exactly: the attempt (input `flo`) and the handler (`policy.error.flo`) as builder bodies, outer values used
 * inside as plain references (their wormholes left to lower, see wormholes.ts), and as options only what differs
 * from ifError's defaults (the card's name or variant, a block's start card or inline-flow keys).
 */
import type { Catalog } from "../catalog/store.js";
import type { IrCard, IrScope, Json } from "../ir/types.js";
import { sameEntry } from "../shapes/entries.js";
import { shapeChanges, usualInlineShape } from "../shapes/inline-flow.js";
import { canonicalJson } from "../util/json.js";
import type { CardModel } from "./card-model.js";
import { isBare } from "./entry-shapes.js";
import type { ScopePlan } from "./structure.js";
import type { WormholePlan } from "./wormholes.js";
import { CALLABLE_ADDRESS, HELPER_FLOW_NAME, RETURN_ADDRESS, TRY_CATCH_ADDRESS } from "../shapes/known-cards.js";

/** The start card ifError makes for each block, and its error policy. */
const HANDLER_POLICY = { type: "handler", flo: null, merge: "join" };

export interface IfErrorBlockPlan {
  scope: IrScope;
  start: IrCard;
  /** The start card is not the Helper Flow ifError makes: written as the `start` option. */
  customStart: boolean;
  /** How the inline flow's keys differ from the usual ones (the `shape` option). */
  shape?: Array<[string, Json | undefined]>;
  /** A plain Return ending the block: left out, ifError adds it. */
  implicitReturn?: IrCard;
}

export interface IfErrorPlan {
  attempt: IfErrorBlockPlan;
  onError: IfErrorBlockPlan;
  name?: string;
  variant?: string;
}

export interface IfErrorContext {
  catalog: Catalog;
  models: ReadonlyMap<string, CardModel>;
  wormholes: WormholePlan;
  planOf(scope: IrScope): ScopePlan | undefined;
  /** Whether the flow file names a card (something refers to it). */
  named(ref: string): boolean;
}

/** How to write an If Error card with `f.ifError`, or undefined when ifError would not give it back exactly. */
export function ifErrorPlan(card: IrCard, c: IfErrorContext): IfErrorPlan | undefined {
  if (card.address !== TRY_CATCH_ADDRESS || card.comments !== undefined) return undefined;
  // Custom fields are the `customInputs` / `customOutputs` options (wormhole entrances left to lower aside).
  const { inputValues, extraInputs: _inputs, extraOutputs: _outputs, policy, ...rest } = card;
  if (!isBare({ ...rest, inputValues: [], extraInputs: [], extraOutputs: [], policy: { error: { type: "finish" } } })) return undefined;
  const flo = inputValues.length === 1 && sameEntry(inputValues[0]!.entry, { group: null, key: "flo" }) ? inputValues[0]!.value : undefined;
  if (flo?.kind !== "inline" || policy.flo?.kind !== "inline" || policy.rest !== undefined) return undefined;
  if (canonicalJson(policy.error) !== canonicalJson(HANDLER_POLICY)) return undefined;
  const attempt = blockPlan(flo.scope, c);
  const onError = blockPlan(policy.flo.scope, c);
  if (!attempt || !onError) return undefined;
  const out: IfErrorPlan = { attempt, onError };
  const m = c.models.get(card.ref);
  if (!m) return undefined;
  if (card.name !== m.template.name) out.name = card.name;
  if (card.variant !== c.catalog.variants(TRY_CATCH_ADDRESS)[0]?.variant) out.variant = card.variant;
  return out;
}

function blockPlan(scope: IrScope, c: IfErrorContext): IfErrorBlockPlan | undefined {
  const plan = c.planOf(scope);
  const start = plan?.root;
  if (!plan || !start || start.address !== CALLABLE_ADDRESS || !scope.inline) return undefined;
  // ifError ends the block with a Return unless the body placed one last: the last card that moved the cursor.
  const moved = plan.steps.filter((st) => st.kind === "ifElse" || plan.placement.get(st.card.ref) !== null);
  const last = moved.at(-1);
  if (!last || last.kind !== "card" || last.card.address !== RETURN_ADDRESS) return undefined;
  // Left out, a Return after another Return would not come back: ifError adds none when the body ends with one.
  const before = moved.at(-2);
  const afterReturn = before?.kind === "card" && before.card.address === RETURN_ADDRESS;
  const out: IfErrorBlockPlan = { scope, start, customStart: !isDefaultStart(start, c) };
  const changes = shapeChanges(scope.inline, usualInlineShape());
  if (changes) out.shape = changes;
  const ret = last.card;
  const returnModel = c.models.get(ret.ref);
  const plainReturn =
    !afterReturn &&
    plan.steps.at(-1) === last &&
    plan.placement.get(ret.ref) === "cursor" &&
    isBare(ret) &&
    ret.pins.length === 0 &&
    ret.comments === undefined &&
    ret.name === returnModel?.template.name &&
    ret.variant === c.catalog.variants(RETURN_ADDRESS)[0]?.variant &&
    !c.named(ret.ref);
  if (plainReturn) out.implicitReturn = ret;
  return out;
}

/** The start card ifError makes: a Helper Flow callable of lower's first variant of that name, with nothing set. */
function isDefaultStart(start: IrCard, c: IfErrorContext): boolean {
  if (start.name !== HELPER_FLOW_NAME || start.comments !== undefined) return false;
  const variant = c.catalog.variants(CALLABLE_ADDRESS).filter((v) => v.name === HELPER_FLOW_NAME)[0]?.variant;
  if (start.variant !== variant) return false;
  const { extraInputs, extraOutputs, ...rest } = start;
  if ([...extraInputs, ...extraOutputs].some((x) => !c.wormholes.elided.has(x))) return false;
  return isBare({ ...rest, extraInputs: [], extraOutputs: [] });
}

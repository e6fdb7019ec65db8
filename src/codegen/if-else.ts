/**
 * If/Else written as `b.ifElse({ left, operator, right }, (then) => {...}, (otherwise) => {...})`, the Join's
 * values handed on as what the branches return: which If blocks fold so (`ifElseFolding`, asked while each scope
 * is planned) and the statement for one that does.
 */
import { ts } from "ts-morph";
import type { IrCard, IrScope } from "../ir/types.js";
import { conversion } from "../shapes/conversion.js";
import { dataOf, modelOf, sameEntry } from "../shapes/entries.js";
import { COMMENT_ADDRESS, JOIN_ADDRESS, NOOP_ADDRESS } from "../shapes/known-cards.js";
import { jsonEqual } from "../util/json.js";
import { outputKey, specKey } from "./card-model.js";
import { refExpr } from "./card-refs.js";
import { cardStatement } from "./card-variables.js";
import { isBare, joinShapeOk } from "./entry-shapes.js";
import type { FlowContext, IncomingPin } from "./flow-context.js";
import { literal, objectLiteral, blockArrow } from "./literal.js";
import { builderName } from "./names.js";
import { allSteps, flatten, planRoot, type Folding, type Step } from "./structure.js";
import { constant } from "./values.js";
import { chooseVariant, type WiredInput } from "./variant-choice.js";

const f = ts.factory;

type IfElseStep = Extract<Step, { kind: "ifElse" }>;

/** Writes a branch's steps with builder `builder` into `into`. */
export type StepWriter = (steps: readonly Step[], builder: ts.Identifier, into: ts.Statement[]) => void;

/** A value the Join hands on: its key and the pin into the Join from one branch. */
interface JoinValue extends IncomingPin {
  key: string;
}

/** `b.ifElse(...)` for a folded If block of scope `scope`, its join as the value. */
export function ifElseStatement(w: FlowContext, st: IfElseStep, scope: number, b: ts.Identifier, writeSteps: StepWriter): ts.Statement {
  w.countCard(4); // the If card, both branch heads and the Join
  const condition = conditionOf(w, st.ifCard, scope) ?? objectLiteral([]);
  w.branchDepth++;
  const values = joinValues(w, st, new Set(flatten([...st.then, ...st.otherwise]).map((c) => c.ref)))!;
  for (const v of [...values.then, ...values.otherwise]) w.pinsInPlace.add(v.pin);
  const branch = (steps: readonly Step[], name: "then" | "otherwise", handOn: JoinValue[]): ts.ArrowFunction => {
    const inner: ts.Statement[] = [];
    const param = f.createIdentifier(builderName(name, w.branchDepth));
    writeSteps(steps, param, inner);
    // What the branch hands on through the join: `join.<key>` after the If/Else.
    if (handOn.length > 0)
      inner.push(
        f.createReturnStatement(
          objectLiteral(
            handOn.map((v): [string, ts.Expression] => [v.key, refExpr(w, v.source, v.pin, { type: "string", collection: false })!]),
          ),
        ),
      );
    // Branch cards are constants of the branch's function: out of scope after it.
    for (const c of flatten(steps)) w.vars.forget(c.ref);
    return blockArrow(param, inner);
  };
  const args: ts.Expression[] = [condition, branch(st.then, "then", values.then)];
  if (st.otherwise.length > 0 || values.otherwise.length > 0) args.push(branch(st.otherwise, "otherwise", values.otherwise));
  w.branchDepth--;
  const call = f.createCallExpression(f.createPropertyAccessExpression(b, "ifElse"), undefined, args);
  w.vars.declare(st.join.ref);
  // `f.ifElse` returns a card whose outputs are not typed: the values its branches hand on, by key.
  w.typings.set(st.join.ref, { props: new Map(), open: true });
  return cardStatement(w, st.join.ref, call);
}

/**
 * The values an If/Else hands on through its join (lower's ifElse: the keys the `then` branch returns, in
 * order, then the keys only `otherwise` returns), each from one pin per branch; undefined when the join's
 * pins cannot be read so.
 */
function joinValues(w: FlowContext, st: IfElseStep, inBranches: Set<string>): { then: JoinValue[]; otherwise: JoinValue[] } | undefined {
  const join = st.join;
  const thenCards = new Set(flatten(st.then).map((c) => c.ref));
  const elseCards = new Set(flatten(st.otherwise).map((c) => c.ref));
  const incoming = w.index.pinsInto(join);
  const out = { then: [] as JoinValue[], otherwise: [] as JoinValue[] };
  const m = w.model(join.ref);
  let elseOnly = false;
  for (const [i, x] of join.extraInputs.entries()) {
    const lowered = m.inputs.find((e) => e.extra === i);
    if (!lowered) return undefined;
    const key = String(x.entry.key);
    const pins = incoming.filter((p) => sameEntry(p.pin.input, lowered.ref));
    let thenPin: IncomingPin | undefined;
    let elsePin: IncomingPin | undefined;
    for (const p of pins) {
      const from = w.index.expandOf.get(p.source.ref)?.fold.source.ref ?? p.source.ref;
      const side = thenCards.has(from)
        ? "then"
        : elseCards.has(from)
          ? "else"
          : inBranches.has(from)
            ? undefined
            : thenPin
              ? "else"
              : "then";
      if (side === undefined || (side === "then" ? thenPin : elsePin)) return undefined;
      const sm = w.model(p.source.ref);
      const o = sm.outputs.find((e) => sameEntry(e.ref, p.pin.output));
      if (!o || outputKey(sm.outputs, p.pin.output) === undefined) return undefined;
      const auto = conversion(o.type, { type: "string", collection: false });
      if (auto === "incompatible" || !jsonEqual(auto, p.pin.transform)) return undefined;
      if (side === "then") thenPin = p;
      else elsePin = p;
    }
    if (!thenPin && !elsePin) return undefined;
    // lower orders the values: every key the `then` branch returns first.
    if (thenPin && elseOnly) return undefined;
    if (!thenPin) elseOnly = true;
    if (thenPin) out.then.push({ key, ...thenPin });
    if (elsePin) out.otherwise.push({ key, ...elsePin });
  }
  if (incoming.length !== out.then.length + out.otherwise.length) return undefined;
  return out;
}

/** The `{ left, operator, right }` of an If card, or undefined when its inputs cannot be written so. */
function conditionOf(w: FlowContext, ifCard: IrCard, scope: number, visible?: (ref: string) => boolean): ts.Expression | undefined {
  // With `visible` (planning, before names exist) this only checks: nothing is built.
  const dry = visible !== undefined;
  const m = w.model(ifCard.ref);
  const kept = m.inputs.filter((x) => x.template !== undefined);
  const entries = kept.map((x) => x.entry);
  const incoming = w.index.pinsInto(ifCard);
  const known = new Set(["left-operand", "operator", "right-operand"]);
  if (ifCard.inputValues.some((v) => !known.has(v.entry.key) || v.entry.group !== null)) return undefined;
  if (incoming.some((p) => !known.has(p.pin.input.key))) return undefined;
  const props: Array<[string, ts.Expression]> = [];
  for (const [prop, key] of [
    ["left", "left-operand"],
    ["operator", "operator"],
    ["right", "right-operand"],
  ] as const) {
    const i = kept.findIndex((x) => x.ref.key === key && x.ref.group === null);
    if (i < 0 || specKey(entries, i) !== key) return undefined;
    const x = kept[i]!;
    const v = ifCard.inputValues.find((iv) => sameEntry(iv.entry, x.ref));
    const pins = incoming.filter((p) => sameEntry(p.pin.input, x.ref));
    if (pins.length > 1 || (pins.length === 1 && v)) return undefined;
    if (pins.length === 1) {
      const { source, pin } = pins[0]!;
      const seen = visible ? visible(source.ref) : w.vars.isDeclared(source.ref);
      if (!seen || w.index.scopeOfCard.get(source.ref) !== scope) return undefined;
      if (outputKey(w.model(source.ref).outputs, pin.output) === undefined) return undefined;
      if (!dry) {
        props.push([prop, refExpr(w, source, pin, x.type)!]);
        w.pinsInPlace.add(pin);
      }
    } else if (v) {
      if (v.value.kind !== "json") return undefined;
      if (!dry) props.push([prop, constant(w, v.value.data, x.entry)]);
    } else if (prop !== "right" && !dry) props.push([prop, literal(dataOf(x.entry))]);
  }
  return objectLiteral(props);
}

/** What `ifElse` needs of an If block's cards, and of its context (see planScope), for the blocks of `scope`. */
export function ifElseFolding(w: FlowContext, scope: IrScope): Folding {
  const headVariant = w.catalog.variants(NOOP_ADDRESS).filter((c) => modelOf(c.template).displayed === false)[0]?.variant;
  const plainCard = (c: IrCard, address: string, variant: string | undefined): boolean =>
    c.address === address && c.variant === variant && c.name === w.model(c.ref).template.name && isBare(c) && c.pins.length === 0;
  const scopeId = w.index.scopeOfCard.get(scope.cards[0]?.ref ?? "");
  return {
    cards: (ifCard, thenHead, elseHead, join) => {
      const m = w.model(ifCard.ref);
      const { inputValues: _i, branches: _b, ...rest } = ifCard;
      if (!isBare({ ...rest, inputValues: [], branches: [] }) || ifCard.pins.length > 0 || ifCard.name !== m.template.name) return false;
      if (!plainCard(thenHead, NOOP_ADDRESS, headVariant) || !plainCard(elseHead, NOOP_ADDRESS, headVariant)) return false;
      const { pins: _p, extraInputs: _ei, extraOutputs: _eo, joins: _j, ...joinRest } = join;
      if (!(
        join.address === JOIN_ADDRESS &&
        join.variant === w.catalog.variants(JOIN_ADDRESS)[0]?.variant &&
        join.name === w.model(join.ref).template.name
      ))
        return false;
      if (!isBare({ ...joinRest, pins: [], extraInputs: [], extraOutputs: [], joins: [] }) || !joinShapeOk(join)) return false;
      // lower picks the If's variant from its wiring: it must pick this one.
      const wired: WiredInput[] = w.index.pinsInto(ifCard).map(({ source, pin }) => {
        const sm = w.model(source.ref);
        return {
          key: pin.input.key,
          sourceType: sm.outputs.find((o) => sameEntry(o.ref, pin.output))?.type,
          outputKey: outputKey(sm.outputs, pin.output) ?? "/",
        };
      });
      return chooseVariant(w.catalog, ifCard.address, undefined, {}, wired) === ifCard.variant;
    },
    accept: (step, steps, layout) => {
      const inBranches = new Set(flatten([...step.then, ...step.otherwise]).map((c) => c.ref));
      const hidden = new Set([step.ifCard.ref, step.thenHead.ref, step.elseHead.ref]);
      const root = planRoot(scope);
      const order = [...(root ? [root.ref] : []), ...flatten(steps).map((c) => c.ref)];
      const pos = (r: string): number => order.indexOf(r);
      // Cards inside folded blocks' branches are local to their branch functions.
      const closed = new Set<string>();
      for (const other of allSteps(steps))
        if (other.kind === "ifElse") for (const c of flatten([...other.then, ...other.otherwise])) closed.add(c.ref);
      const values = joinValues(w, step, inBranches);
      if (!values) return false;
      const valuePins = new Set([...values.then, ...values.otherwise].map((v) => v.pin));
      // A folded expand card is written right after its source: it stands where its source stands.
      const at = (r: string): string => w.index.expandOf.get(r)?.fold.source.ref ?? r;
      for (const c of scope.cards) {
        const cRef = at(c.ref);
        for (const p of c.pins) {
          const target = p.target === c.ref ? p.target : at(p.target);
          if (hidden.has(cRef)) return false;
          if (valuePins.has(p)) {
            if (!inBranches.has(cRef) && (closed.has(cRef) || pos(cRef) < 0 || pos(cRef) > pos(step.ifCard.ref))) return false;
            continue;
          }
          if (target === step.join.ref && !inBranches.has(cRef)) continue;
          if (inBranches.has(cRef) && !inBranches.has(target)) return false;
          if (target === step.thenHead.ref || target === step.elseHead.ref) return false;
          if ((target === step.ifCard.ref || inBranches.has(target)) && !inBranches.has(cRef)) {
            if (closed.has(cRef) || pos(cRef) < 0 || pos(cRef) > pos(step.ifCard.ref)) return false;
          }
        }
        if (w.index.expandOf.has(c.ref)) continue;
        for (const x of [...c.extraInputs, ...c.extraOutputs]) {
          for (const l of [x.links?.wormholeMethodId, x.links?.srcMethodId])
            if (l && "ref" in l && (inBranches.has(l.ref) || hidden.has(l.ref))) return false;
          const so = x.links?.srcOutputId;
          if (so && "card" in so && (inBranches.has(so.card) || hidden.has(so.card))) return false;
        }
      }
      for (const [a, b] of layout.edges) if (inBranches.has(a) || inBranches.has(b) || hidden.has(a) || hidden.has(b)) return false;
      for (const [card, p] of layout.placement)
        if (p !== null && p !== "cursor" && (inBranches.has(p) || hidden.has(p)) && !inBranches.has(card)) return false;
      for (const c of flatten([...step.then, ...step.otherwise]))
        if (layout.placement.get(c.ref) !== "cursor" && !(c.address === COMMENT_ADDRESS && layout.placement.get(c.ref) === null))
          return false;
      const sameScope = (r: string): boolean => w.index.scopeOfCard.get(r) === w.index.scopeOfCard.get(step.ifCard.ref);
      return (
        conditionOf(
          w,
          step.ifCard,
          scopeId ?? -1,
          (r) => pos(r) >= 0 && pos(r) < pos(step.ifCard.ref) && !closed.has(r) && sameScope(r),
        ) !== undefined
      );
    },
  };
}

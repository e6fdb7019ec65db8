/**
 * A card's spec, the expression `f.add(...)` places: `compose\`...\`` for a Compose card that gives it back, a
 * typed factory call (`okta.getUser({...})`) when one writes exactly this card, else `card(address, {...})` with
 * exactly the instance data lower needs to rebuild the same IR card. The variant is said only when lower would
 * pick another; a card needing a patch, removals or a custom field written whole is reported raw.
 */
import { ts } from "ts-morph";
import type { IrCard, IrExtraEntry, Json } from "../ir/types.js";
import { actionKey } from "../shapes/address.js";
import { MIRRORED_ACTIONS } from "../shapes/custom-entry.js";
import { entryRefs, sameEntry } from "../shapes/entries.js";
import { CALLABLE_ADDRESS, COMPOSE_ADDRESS, EXPAND_ADDRESS } from "../shapes/known-cards.js";
import { outputKey, specKey, type CardModel } from "./card-model.js";
import { joinExpr } from "./card-joins.js";
import { refExpr } from "./card-refs.js";
import { composeTemplate } from "./compose.js";
import { customField } from "./custom-fields.js";
import { mirrorsInputs } from "./entry-shapes.js";
import { policyExpr } from "./error-policy.js";
import { namedAfterSource } from "./expand.js";
import { RESOURCES_MODULE, type FlowContext } from "./flow-context.js";
import { literal, objectLiteral } from "./literal.js";
import { specInputs } from "./spec-inputs.js";
import { columnOutputs, tableColumnFields } from "./table-columns.js";
import { typedFactory } from "./typed-factory.js";
import { outputTyping } from "./output-access.js";
import { valueExpr } from "./values.js";
import { chooseVariant, type WiredInput } from "./variant-choice.js";
import { mirrorsExits } from "./wormholes.js";

const f = ts.factory;

const COMPOSE_VALUE = ["string", "number", "boolean"].map((type) => ({ type, collection: false }));

/** Props that make a card raw in the import report. */
const RAW_PROPS = ["patch", "removeModelKeys", "methodPatch", "removeInputs", "removeOutputs"];

/** The spec expression of a card. `scope` is where the expression is evaluated. */
export function cardSpec(w: FlowContext, card: IrCard, scope: number): ts.Expression {
  const m = w.model(card.ref);
  const composed = card.address === COMPOSE_ADDRESS ? composeSpec(w, card, m, scope) : undefined;
  if (composed) {
    // `compose` makes a card typed `{ output: string }`.
    const output = m.outputs.find((o) => o.ref.key === "output");
    const named = output
      ? [{ prop: "output", group: output.ref.group, key: "output", types: [{ type: "string", collection: false }] }]
      : [];
    w.typings.set(card.ref, outputTyping(m.outputs, named, false));
    return composed;
  }
  const props: ts.ObjectLiteralElementLike[] = [];
  const prop = (k: string, v: ts.Expression): void => {
    props.push(f.createPropertyAssignment(k, v));
  };
  // Lower names an expand card after the card it reads (its `name` here names its ref).
  if (card.address === EXPAND_ADDRESS && !namedAfterSource(card))
    w.lossy.push(`card ${JSON.stringify(card.name)}: an expand card not named after the card it reads cannot be written`);
  if (card.name !== m.template.name || card.address === EXPAND_ADDRESS) prop("name", literal(card.name));
  if (card.connection) {
    if ("ref" in card.connection && w.pack.connection(card.connection.ref))
      prop("connection", w.file.use(RESOURCES_MODULE, w.pack.connection(card.connection.ref)!));
    else w.lossy.push(`card ${JSON.stringify(card.name)} points to a connection the export does not include`);
  }
  if (card.configRef) {
    if ("ref" in card.configRef && w.pack.connection(card.configRef.ref))
      prop("configRef", w.file.use(RESOURCES_MODULE, w.pack.connection(card.configRef.ref)!));
    else if ("dangling" in card.configRef) prop("configRef", literal(card.configRef.dangling));
  }

  // Template inputs: constants (options and inputs), and refs for single pins from cards written earlier.
  const incoming = w.index.pinsInto(card);
  const { items, keptEntries, filterFields } = specInputs(w, card, m, scope, incoming);
  let columns = tableColumnFields(w, card, m, items, scope, incoming);
  const typed = typedFactory(w.file, card, items, keptEntries, columns !== undefined);
  if (!typed) columns = undefined;
  if (columns) for (const pin of columns.inlined) w.pinsInPlace.add(pin);
  w.typings.set(
    card.ref,
    typed ? outputTyping(m.outputs, [...typed.outputs, ...columnOutputs(columns)], true) : { props: new Map(), open: true },
  );
  if (typed) {
    for (const [k, v] of typed.props) prop(k, v);
    if (columns && columns.values.length > 0) prop("fields", objectLiteral(columns.values, columns.values.length > 1));
  } else {
    // Options are JSON; a table or flow chosen as an option is written with the inputs (lower reads both alike).
    const options = items
      .filter((x) => x.option && (x.value === undefined || x.value.kind === "json"))
      .map((x): [string, ts.Expression] => [x.key, x.expr()]);
    const inputs = items
      .filter((x) => !(x.option && (x.value === undefined || x.value.kind === "json")))
      .map((x): [string, ts.Expression] => [x.key, x.expr()]);
    if (options.length > 0) prop("options", objectLiteral(options, options.length > 2));
    if (inputs.length > 0) prop("inputs", objectLiteral(inputs, inputs.length > 1));
  }

  const action = actionKey(card.address);
  // Column fields lower writes itself (from the table) are left out.
  const skip = (side: "inputs" | "outputs", x: IrExtraEntry): boolean =>
    (columns !== undefined && columns.side === side && x.entry.group === "Fields") ||
    filterFields.has(x) ||
    w.index.wormholes.elided.has(x);
  const rawFields: string[] = [];
  const customIn = card.extraInputs.flatMap((x, j) =>
    skip("inputs", x) ? [] : [customField(w, card, m, "inputs", x, j, scope, incoming, rawFields)],
  );
  const customOut = card.extraOutputs.flatMap((x, j) =>
    skip("outputs", x) ? [] : [customField(w, card, m, "outputs", x, j, scope, [], rawFields)],
  );
  if (customIn.length > 0) prop("customInputs", f.createArrayLiteralExpression(customIn, true));
  const mirrored = MIRRORED_ACTIONS.has(action) && (mirrorsInputs(card) || mirrorsExits(card));
  if (!mirrored && (customOut.length > 0 || (MIRRORED_ACTIONS.has(action) && customIn.length > 0)))
    prop("customOutputs", f.createArrayLiteralExpression(customOut, true));

  if (card.outputValues.length > 0) prop("outputs", objectLiteral(outputValues(w, card, m, scope), true));
  const rmIn = removedKeys(w, card, m, "inputs");
  const rmOut = removedKeys(w, card, m, "outputs");
  if (rmIn.length > 0) prop("removeInputs", literal(rmIn));
  if (rmOut.length > 0) prop("removeOutputs", literal(rmOut));

  if (card.joins.length > 0)
    prop(
      "joins",
      f.createArrayLiteralExpression(
        card.joins.map((j) => joinExpr(w, card, m, j)).filter((x): x is ts.Expression => x !== undefined),
        true,
      ),
    );
  const policy = policyExpr(w, card.policy, scope);
  if (policy) prop("policy", policy);
  if (card.comments !== undefined) prop("comments", literal(card.comments));
  if (Object.keys(card.modelPatch).length > 0) prop("patch", literal(card.modelPatch));
  if (card.removedModelKeys.length > 0) prop("removeModelKeys", literal(card.removedModelKeys));
  if (Object.keys(card.methodPatch).length > 0) prop("methodPatch", literal(card.methodPatch));

  const why = props.flatMap((p) =>
    ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && RAW_PROPS.includes(p.name.text) ? [p.name.text] : [],
  );
  why.push(...rawFields);
  if (why.length > 0) w.raw.push({ card: card.name, address: card.address, why });
  // The variant last: lower picks it from what the spec says, so say it only when lower would pick another.
  const optionValues: Record<string, Json> = Object.create(null) as Record<string, Json>;
  for (const x of items)
    if (x.option) optionValues[typed?.keys.get(x) ?? x.key] = x.value?.kind === "json" ? x.value.data : "\u0000not-json";
  // Refs written into `inputs` take part in lower's choice between variants.
  const wired: WiredInput[] = items
    .filter((x) => x.ref && (typed ? true : !(x.option && (x.value === undefined || x.value.kind === "json"))))
    .map((x) => ({ key: typed ? (typed.keys.get(x) ?? x.key) : x.key, sourceType: x.ref!.sourceType, outputKey: x.ref!.outputKey }));
  const chosen =
    typed?.variant ??
    chooseVariant(
      w.catalog,
      card.address,
      card.address === CALLABLE_ADDRESS && card.name !== m.template.name ? card.name : undefined,
      optionValues,
      wired,
    );
  if (chosen !== card.variant) props.unshift(f.createPropertyAssignment("variant", literal(card.variant)));
  if (typed) {
    const [first, ...rest] = typed.path;
    let callee: ts.Expression = w.file.use("flocode/cards", first!);
    for (const part of rest) callee = f.createPropertyAccessExpression(callee, part);
    return f.createCallExpression(callee, undefined, props.length > 0 ? [f.createObjectLiteralExpression(props, props.length > 1)] : []);
  }
  const args: ts.Expression[] = [literal(card.address)];
  if (props.length > 0) args.push(f.createObjectLiteralExpression(props, props.length > 1));
  return f.createCallExpression(w.file.use("flocode", "card"), undefined, args);
}

/** A Compose card as `compose\`...${ref}...\`` when that gives it back (see ./compose.ts); its pins are written in place. */
function composeSpec(w: FlowContext, card: IrCard, m: CardModel, scope: number): ts.Expression | undefined {
  const incoming = w.index.pinsInto(card);
  const composed = composeTemplate(card, {
    templateName: m.template.name,
    templateInputs: m.templateInputs,
    defaultVariant: w.catalog.variants(card.address)[0]?.variant,
    tag: () => w.file.use("flocode", "compose"),
    placeholderValue: (j) => {
      const input = m.inputs.find((e) => e.extra === j);
      const pins = input ? incoming.filter((p) => sameEntry(p.pin.input, input.ref)) : [];
      if (!input || pins.length !== 1) return undefined;
      const { source, pin } = pins[0]!;
      if (!w.vars.isDeclared(source.ref) || w.index.scopeOfCard.get(source.ref) !== scope) return undefined;
      if (outputKey(w.model(source.ref).outputs, pin.output) === undefined) return undefined;
      // A placeholder takes text, numbers and booleans (`ComposeValue`): other outputs through `$custom`.
      return { expr: () => refExpr(w, source, pin, input.type, { types: COMPOSE_VALUE })!, pin };
    },
  });
  for (const pin of composed?.pins ?? []) w.pinsInPlace.add(pin);
  return composed?.expr;
}

/** The `outputs` a card states: values held by its template outputs, by spec key. */
function outputValues(w: FlowContext, card: IrCard, m: CardModel, scope: number): Array<[string, ts.Expression]> {
  const keptOut = m.outputs.filter((x) => x.template !== undefined);
  const outs: Array<[string, ts.Expression]> = [];
  for (const v of card.outputValues) {
    const i = keptOut.findIndex((x) => sameEntry(x.ref, v.entry));
    const key =
      i < 0
        ? undefined
        : specKey(
            keptOut.map((x) => x.entry),
            i,
          );
    if (key === undefined) {
      w.lossy.push(`card ${JSON.stringify(card.name)}: output ${JSON.stringify(v.entry.key)} cannot be addressed`);
      continue;
    }
    outs.push([key, valueExpr(w, v.value, keptOut[i]!.entry, scope, card)]);
  }
  return outs;
}

/** The spec keys of the template entries a card removes (`removeInputs` / `removeOutputs`). */
function removedKeys(w: FlowContext, card: IrCard, m: CardModel, side: "inputs" | "outputs"): string[] {
  const entries = side === "inputs" ? m.templateInputs : m.templateOutputs;
  const removed = side === "inputs" ? card.removedInputs : card.removedOutputs;
  const refs = entryRefs(entries);
  return removed.flatMap((r) => {
    const i = refs.findIndex((t) => sameEntry(t, r));
    const key = i < 0 ? undefined : specKey(entries, i);
    if (key === undefined) w.lossy.push(`card ${JSON.stringify(card.name)}: removed ${side} ${JSON.stringify(r.key)} cannot be addressed`);
    return key === undefined ? [] : [key];
  });
}

/**
 * Wires → IR pins on their source card, each with its conversion: the one it states, else the one Okta applies
 * between the types. A value from a scope around an inline flow comes in through a wormhole (wormholes.ts).
 */
import type { IrTransform } from "../../ir/types.js";
import type { RecordedPin } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { conversion, describeType, type ValueType } from "../../shapes/conversion.js";
import { entryRefKey, findEntry, typeOf } from "../../shapes/entries.js";
import { LIST_ITERATOR_ADDRESSES } from "../../shapes/known-cards.js";
import { Cascade } from "./diagnostics.js";
import { requireOutput, sourceOf } from "./lowered-cards.js";
import type { FlowState, LoweredCard, PendingPin } from "./state.js";
import { wormholeExit, wormholeFor } from "./wormholes.js";

export function wire(state: FlowState, pin: PendingPin): void {
  const context = wormholeFor(state, pin);
  if (context) {
    const exit = wormholeExit(state, pin, context);
    noteWiredSource(state, pin, exit.type, undefined);
    const transform = transformOf(pin, exit.type, exit.source);
    exit.card.pins.push({ output: exit.ref, target: pin.target.ref, input: pin.input, transform });
    return;
  }
  if (state.byCard.get(pin.target)?.failed) throw new Cascade();
  const from = sourceOf(state, pin.source, pin.what, pin.site);
  const out = requireOutput(from, pin.source.output, pin.what, pin.site);
  noteWiredSource(state, pin, out.type, from);
  const transform = transformOf(pin, out.type, `${from.card.name}.${out.ref.key}`);
  from.card.pins.push({ output: out.ref, target: pin.target.ref, input: pin.input, transform });
}

/** What feeds a wired input of a list iterator, kept on its card (helper-call checks read its list). */
function noteWiredSource(state: FlowState, pin: PendingPin, type: ValueType, from: LoweredCard | undefined): void {
  if (!LIST_ITERATOR_ADDRESSES.has(pin.target.address)) return;
  const target = state.byCard.get(pin.target);
  if (target) (target.wiredSources ??= new Map()).set(entryRefKey(pin.input), from ? { type, from } : { type });
}

/** `f.pin(source, target, input)`: a wire the flow file states itself, to an input found by key. */
export function wireExplicit(state: FlowState, pin: RecordedPin): void {
  const target = state.lowered.get(pin.target);
  if (!target) throw new DslError("f.pin(): the target card is not placed in this flow", pin.site);
  const i = findEntry(
    target.inputs.map((x) => x.entry),
    pin.input,
  );
  if (i < 0) throw new DslError(`f.pin(): card ${JSON.stringify(target.card.name)} has no input ${JSON.stringify(pin.input)}`, pin.site);
  const x = target.inputs[i]!;
  wire(state, {
    source: pin.source,
    target: target.card,
    input: x.ref,
    inputType: typeOf(x.entry),
    transform: pin.transform,
    site: pin.site,
    what: `input ${JSON.stringify(x.ref.key)} of card ${JSON.stringify(target.card.name)}`,
  });
}

/** The pin's conversion: the one it states, else the one Okta applies between the types (an error when none). */
function transformOf(pin: PendingPin, sourceType: ValueType, source: string): IrTransform | null {
  if (pin.transform !== undefined) return pin.transform;
  const auto = conversion(sourceType, pin.inputType);
  if (auto === "incompatible") {
    throw new DslError(
      `${pin.what} expects ${describeType(pin.inputType)}, but ${source} is ${describeType(sourceType)} and Okta has no conversion between them`,
      pin.site,
    );
  }
  return auto;
}

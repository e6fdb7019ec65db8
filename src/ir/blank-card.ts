import type { IrCard } from "./types.js";

/** A card with nothing set but its identity: no values, entries, wires or patches; errors finish the flow. */
export function blankCard(identity: Pick<IrCard, "ref" | "address" | "variant" | "name">): IrCard {
  return {
    ...identity,
    connection: null,
    inputValues: [],
    outputValues: [],
    extraInputs: [],
    extraOutputs: [],
    removedInputs: [],
    removedOutputs: [],
    policy: { error: { type: "finish" } },
    pins: [],
    branches: [],
    joins: [],
    modelPatch: {},
    removedModelKeys: [],
    methodPatch: {},
  };
}

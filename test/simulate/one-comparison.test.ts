/**
 * The simulator has one comparison (src/simulate/functions/compare.ts): the Compare card's conformance cases,
 * taken from Okta's Compare page, hold for If/Else, Continue If and Return Error If as the interpreter runs them.
 * Each case's operands go into the condition card as constants, its fields typed as the case types them (the
 * author sets the types of "value a" and "value b" in Okta's designer; here the card's template is retyped).
 */
import { describe, expect, it } from "vitest";
import { flow, manual, type FlowBuilder } from "../../src/index.js";
import { kernel } from "../../src/cards/index.js";
import type { IrCard, Json, JsonObject } from "../../src/ir/types.js";
import { simulatePack, type SimulationResult } from "../../src/simulate/simulate.js";
import { loadSource } from "../../src/testing/load.js";
import { cloneJson, isObject } from "../../src/util/json.js";
import type { ConformanceCase } from "./functions/conformance.js";
import { logicCases } from "./functions/cases/logic.js";

const compareCases = logicCases.filter((c) => c.card === "boolean:compare");
const OPERANDS = ["left-operand", "operator", "right-operand"];

const say = (word: string) => (g: FlowBuilder) => ({
  v: g.add(kernel.control.let({ customInputs: [{ key: "v", type: "string", value: word }] })).$custom("v"),
});
/** The three condition cards, each in a flow of its own; their operands are set per case below. */
const FLOWS = {
  "control:if": flow({ name: "If/Else", trigger: manual() }, (f) => {
    f.ifElse({ left: "a", operator: "==", right: "b" }, say("true"), say("false"));
  }),
  "control:continueIf": flow({ name: "Continue If", trigger: manual() }, (f) => {
    f.add(kernel.control.continueIf({ leftOperand: "a", operator: "==", rightOperand: "b", message: "false" }));
  }),
  "control:throwIf": flow({ name: "Return Error If", trigger: manual() }, (f) => {
    f.add(kernel.control.throwIf({ message: "true" }));
  }),
};

/** Runs one condition card with the case's operands and operand types. */
async function runCondition(type: keyof typeof FLOWS, c: ConformanceCase): Promise<SimulationResult> {
  const input = await loadSource(FLOWS[type]);
  const pack = cloneJson(input.pack as unknown as Json) as unknown as typeof input.pack;
  const card = pack.flows[0]!.body.cards.find((k: IrCard) => k.address.endsWith(`:${type.split(":")[1]}`))!;
  card.inputValues = OPERANDS.flatMap((key) =>
    c.inputs?.[key] === undefined ? [] : [{ entry: { group: null, key }, value: { kind: "json" as const, data: c.inputs[key] as Json } }],
  );
  const templates = (address: string, variant: string): JsonObject | undefined => {
    const template = input.templates(address, variant);
    if (!template || address !== card.address) return template;
    const retyped = cloneJson(template);
    const entries = (retyped.node as { model: { inputs: { data: Record<string, JsonObject> } } }).model.inputs.data;
    for (const entry of Object.values(entries)) {
      const type = typeof entry.key === "string" ? c.types?.[entry.key] : undefined;
      if (type && entry.group === null && isObject(entry.value)) entry.value.type = type;
    }
    return retyped;
  };
  return simulatePack({ pack, templates });
}

describe("one comparison: Compare's conformance cases hold in the interpreter's condition cards", () => {
  it("covers every Compare case, the failing one included", () => {
    expect(compareCases.length).toBeGreaterThan(20);
    expect(compareCases.some((c) => c.error !== undefined)).toBe(true);
  });

  for (const c of compareCases) {
    it(c.title, async () => {
      const branch = await runCondition("control:if", c);
      const gate = await runCondition("control:continueIf", c);
      const guard = await runCondition("control:throwIf", c);
      if (c.error !== undefined) {
        for (const run of [branch, gate, guard]) {
          expect(run.status).toBe("failed");
          expect(run.error?.message).toContain(c.error);
          expect(run.error?.okta?.code).toBe(400);
        }
        return;
      }
      const expected = c.expect!.result as boolean;
      const condition = branch.trace.find((t) => t.type === "control:if")!;
      expect(condition.inputs).toMatchObject({ comparison: c.inputs!.operator });
      expect(condition.outputs).toEqual({ result: expected });
      expect(branch.trace.find((t) => t.type === "control:let")!.outputs).toEqual({ v: String(expected) });
      expect(gate.status).toBe(expected ? "completed" : "stopped");
      expect(guard.status).toBe(expected ? "failed" : "completed");
    });
  }
});

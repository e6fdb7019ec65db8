import { describe, expect, it } from "vitest";
import { forEachCard } from "../../../src/catalog/index.js";
import { readFlopackFile } from "../../../src/format/index.js";
import { parseAddress } from "../../../src/shapes/address.js";
import { CardFailure, type CardCall, type CardInput, type CardOutput } from "../../../src/simulate/card-function.js";
import { functionCards } from "../../../src/simulate/functions/index.js";
import { createTableStore, type TableDefinition } from "../../../src/simulate/tables.js";
import { corpus } from "../../support/corpus.js";

interface Entry {
  group?: string | null;
  key: string;
  value?: { type?: unknown; collection?: boolean; data?: unknown };
  flags?: string;
  metadata?: { custom?: boolean };
}

function entries(io: unknown): Entry[] {
  const data = (io as { data?: Record<string, Entry> } | undefined)?.data;
  return data ? Object.values(data) : [];
}

function typeOf(e: Entry): string {
  return typeof e.value?.type === "string" ? e.value.type : "object";
}

/**
 * Every card of the real exports that the library simulates, called with its constants as the interpreter would
 * pass them (wired inputs empty): it returns one value per output or fails as a card fails (CardFailure), never
 * with a crash.
 */
describe.skipIf(!corpus())("function cards on the cards of real exports", () => {
  it("return a value per output or fail with a card error, for every instance", () => {
    let called = 0;
    const failures = new Map<string, number>();
    for (const file of corpus()!.files) {
      const read = readFlopackFile(file);
      if (!read.ok) continue;
      const tables = Object.values((read.flopack.data as { tables?: Record<string, unknown> }).tables ?? {}).map((t): TableDefinition => {
        const table = t as { id: string; name: string; data?: { structure?: Array<{ name: string; type: string }> } };
        return { id: table.id, name: table.name, columns: table.data?.structure ?? [] };
      });
      forEachCard(read.flopack, ({ card }) => {
        const address = parseAddress(String(card.address));
        const fn = address && functionCards.get(address.moduleKey);
        if (!fn) return;
        const model = (card.node as { model: { inputs: unknown; outputs: unknown } }).model;
        const inputs: CardInput[] = entries(model.inputs).map((e) => ({
          group: e.group ?? null,
          key: e.key,
          type: typeOf(e),
          collection: e.value?.collection === true,
          option: e.flags === "p",
          custom: e.metadata?.custom === true,
          value: e.value?.data ?? undefined,
        }));
        const outputs: CardOutput[] = entries(model.outputs).map((e) => ({
          group: e.group ?? null,
          key: e.key,
          type: typeOf(e),
          collection: e.value?.collection === true,
          custom: e.metadata?.custom === true,
        }));
        const env = { now: () => Date.UTC(2024, 0, 15), random: () => 0.25, tables: createTableStore(tables) };
        const call: CardCall = { address: String(card.address), name: address.moduleKey, inputs, outputs, env };
        called++;
        try {
          expect(fn(call)).toHaveLength(outputs.length);
        } catch (error) {
          if (!(error instanceof CardFailure)) throw new Error(`${file}: ${call.address}: ${(error as Error).stack ?? String(error)}`);
          expect(error.message).not.toBe("");
          failures.set(address.moduleKey, (failures.get(address.moduleKey) ?? 0) + 1);
        }
      });
    }
    expect(called).toBeGreaterThan(0);
  });
});

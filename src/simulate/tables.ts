/**
 * In-memory Workflows Tables for one simulated run: the pack's tables (id, name, columns), seeded with rows by
 * the test. Tables cards (`stash:*`) read and write them through `CardEnvironment.tables`.
 */
import type { SimTable, TableStore } from "./card-function.js";

export interface TableDefinition {
  readonly id: string;
  readonly name: string;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/** Rows to seed, by table name: each row is column name → value. */
export type TableSeed = Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;

export function createTableStore(definitions: readonly TableDefinition[], seed: TableSeed = {}): TableStore {
  const tables: SimTable[] = definitions.map((d) => ({
    id: d.id,
    name: d.name,
    columns: d.columns,
    rows: (seed[d.name] ?? []).map((values, i) => ({ id: `row-${i + 1}`, values: { ...values } })),
  }));
  return {
    byId: (id) => tables.find((t) => t.id === id),
    byName: (name) => tables.find((t) => t.name === name),
    all: () => tables,
  };
}

/**
 * Tables cards typed by their table's columns. A generated Tables factory (`stash.createRow`, `stash.searchRows2`,
 * ...) is generic in the columns `C` of the table its `stash` prop is given (`table(...)` carries them), so:
 * - `fields` of Create Row / Update Row take only the table's columns, each typed as its column;
 * - Read Row and Search Rows ("First matching row") have an output per column, typed as the column; Search Rows
 *   with all matching rows has `rows`, each a `TableRow<C>`;
 * - the sort `column`, Export to CSV's `columns` and the `where(...)` conditions name only the table's columns.
 * A table typed `Table` (its columns unknown) takes any name, as before. Only types change: the factory is
 * `defineCard`'s, and a typed flow builds to the same bytes as an untyped one.
 */
import { defineCard, type FactoryMeta } from "./define-card.js";
import type { CardSpec, ColumnName, ColumnValue, Input, Ref, Table, TableColumns, TableRow } from "./types.js";
import type { WhereExpression } from "./where.js";

/** The values a row is written with (Create Row, Update Row `fields`): each column's value, by column name. */
export type ColumnInputs<C extends TableColumns> = { readonly [K in ColumnName<C>]?: Input<ColumnValue<C[K]>> };

/** A Tables card's outputs for the row it reads: one per column, typed as the column. */
export type ColumnOutputs<C extends TableColumns> = { [K in ColumnName<C>]: ColumnValue<C[K]> };

/** Where a Tables card's "Fields" group is: the row it writes (inputs), the row it reads (outputs), or neither. */
export type ColumnSide = "inputs" | "outputs" | "none";

/** A generated Tables card's props, with the table's columns in the props that name or hold them. */
export type TableCardProps<P, C extends TableColumns, S extends ColumnSide> = P extends unknown
  ? {
      [K in keyof P]: K extends "stash"
        ? Table<C>
        : K extends "fields"
          ? S extends "inputs"
            ? ColumnInputs<C>
            : P[K]
          : K extends "column"
            ? Retyped<P[K], ColumnName<C>>
            : K extends "columns"
              ? Retyped<P[K], Array<ColumnName<C>>>
              : K extends "whereExpression"
                ? Retyped<P[K], WhereExpression<ColumnName<C>>>
                : P[K];
    }
  : never;

/**
 * The prop's constants narrowed to `T`, its card outputs (computed when the flow runs) as they were; the prop's own
 * type where it is `never` (an input the variant lacks).
 */
type Retyped<V, T> = [Exclude<V, undefined>] extends [never] ? V : T | Extract<V, Ref<unknown>>;

/**
 * A generated Tables card's outputs for result set `R` (Search Rows): the row read, as one output per column
 * ("one", and Read Row), or every matching row in `rows` ("all", "all-new").
 */
export type TableCardOutputs<O, C extends TableColumns, S extends ColumnSide, R> = S extends "outputs"
  ? "rows" extends keyof O
    ? R extends "one"
      ? Omit<O, "rows"> & ColumnOutputs<C>
      : Omit<O, "rows" | "rowId" | "created" | "updated"> & { rows: Array<TableRow<C>> }
    : O & ColumnOutputs<C>
  : O;

/** A Tables card factory: generic in the columns of its table and, where it has one, its result set. */
export type TableCardFactory<P, O, S extends ColumnSide> = [Extract<keyof P, "resultSet">] extends [never]
  ? <C extends TableColumns = TableColumns>(props: TableCardProps<P, C, S>) => CardSpec<TableCardOutputs<O, C, S, "one">>
  : <C extends TableColumns = TableColumns, const R = "one">(
      props: TableCardProps<P, C, S> & { resultSet?: R },
    ) => CardSpec<TableCardOutputs<O, C, S, R>>;

/** `defineCard` for a Tables card: the same factory, typed by its table's columns. */
export function defineTableCard<P, O, S extends ColumnSide>(meta: FactoryMeta): TableCardFactory<P, O, S> {
  return defineCard<P, O>(meta) as unknown as TableCardFactory<P, O, S>;
}

/**
 * flocode: Okta Workflows as code. The authoring API for `*.flow.ts` files.
 *
 *   import { flow, schedule, connection } from "flocode";
 *   import { office365admin } from "flocode/cards";
 */
export { externalFlow, flow, flowNamed, pack, type FlowBody, type PackDef, type PackOptions } from "./dsl/flow.js";
export { schedule, type Weekday } from "./dsl/schedule.js";
export { apiEndpoint, delegatedFlow, event, helperFlow, manual, type ParamType } from "./dsl/triggers.js";
export { connection, folder, table } from "./dsl/resources.js";
export { card } from "./dsl/card.js";
export { field } from "./dsl/handle.js";
export { convert, inline, verbatim } from "./dsl/inline.js";
export { compose, type ComposeOptions, type ComposeValue } from "./dsl/compose.js";
export { where, type WhereCondition, type WhereExpression, type WhereInput, type TableFilterOp } from "./dsl/where.js";
export type { TimeZone, IfOperator } from "./shapes/choices.js";
export type { ExpandPath, ExpandType } from "./dsl/expand.js";
export type { ColumnSpecs, ColumnTypesOf } from "./dsl/resources.js";
export type { EventFields } from "./dsl/define-card.js";
export { idOf } from "./dsl/ids.js";
export type { FlowBuilder, IfCondition, BranchBody, IfErrorBlock, IfErrorOptions } from "./dsl/builder.js";
export type * from "./dsl/types.js";
export type { Json, JsonObject } from "./util/json.js";

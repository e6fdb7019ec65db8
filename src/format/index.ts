/**
 * The flopack format as code.
 *
 * Pipeline: text ──parseFlopackText/readFlopackFile (JSON syntax, nesting depth, JSON Schema)──▶ Flopack
 *           Flopack ──validateFlopack (schema + rules, src/rules)──▶ Finding[]; validateText = parse + schema + rules.
 *
 * The zod schemas below are the one source of truth: the TypeScript types are inferred from them and
 * schemas/flopack.schema.json is generated from them (`npm run schemas`).
 */
export { formatRegistry, type FormatMeta } from "./registry.js";
export { UUID_V4, METHOD_UUID, CREATED, CHECKSUM, VERSIONS, VALUE_TYPE_NAMES, type ValueTypeName } from "./ids.js";
export {
  ValueSchema,
  FloValueSchema,
  DataValueSchema,
  ValueTypeNameSchema,
  ObjectSchemaTypeSchema,
  ObjectSchemaFieldSchema,
  type Value,
  type FloValue,
  type DataValue,
  type ObjectSchemaType,
  type ObjectSchemaField,
} from "./value.js";
export {
  InputEntrySchema,
  OutputEntrySchema,
  InputsSchema,
  OutputsSchema,
  type Entry,
  type InputEntry,
  type OutputEntry,
  type Inputs,
  type Outputs,
} from "./entry.js";
export { PinSchema, PinsSchema, TransformSchema, type Pin, type Pins, type Transform } from "./pins.js";
export { OrderingsSchema, type Orderings } from "./orderings.js";
export { BranchesSchema, type Branches } from "./branches.js";
export { JoinsSchema, type Joins } from "./joins.js";
export { ErrorPolicySchema, type ErrorPolicy } from "./error-policy.js";
export { CronSchema, ScheduleSchema, CRON_KEYS, type Cron, type Schedule } from "./cron.js";
export { MethodSchema, MethodModelSchema, ParentSchema, type Method, type MethodModel, type Parent } from "./method.js";
export { InlineFlowSchema, type InlineFlow } from "./inline-flow.js";
export {
  FlowSchema,
  FullFlowSchema,
  FlowStubSchema,
  FlowDataSchema,
  FlowDisplaySchema,
  FLOW_CORE_KEYS,
  type Flow,
  type FullFlow,
  type FlowStub,
  type FlowData,
  type FlowDisplay,
} from "./flow.js";
export {
  ConfigSchema,
  TableSchema,
  TableColumnSchema,
  GroupSchema,
  FlopackDataSchema,
  type Config,
  type Table,
  type TableColumn,
  type Group,
  type FlopackData,
} from "./collections.js";
export { FlopackSchema, FlagsSchema, FLAGS, ENVELOPE_KEYS, type Flopack, type Flags } from "./envelope.js";
export { buildFlopackJsonSchema, FLOPACK_SCHEMA_ID, type JsonSchema } from "./json-schema.js";
export { parseFlopackText, readFlopackFile, readTextFile, parseJsonDocument, type ParseResult, type JsonResult } from "./parse.js";
export { DIAGNOSTICS, type Diagnostic } from "./diagnostics.js";

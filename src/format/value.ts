import { z } from "zod";
import { VALUE_TYPE_NAMES } from "./ids.js";
import { formatRegistry } from "./registry.js";
import { InlineFlowSchema } from "./inline-flow.js";

/** One of the primitive type names of `value.type` (FLOPACK.md §5.1). There is no "list" type. */
export const ValueTypeNameSchema = z.enum(VALUE_TYPE_NAMES).register(formatRegistry, {
  id: "ValueTypeName",
  description: "A primitive value type. Lists are `collection: true` with the element type.",
});

/**
 * A field of an object schema: `{type, collection}` where `type` may itself be an object schema. Field type names
 * are only required to be strings: E2 constrains `value.type`, not the names inside object schemas.
 */
export interface ObjectSchemaField {
  type: string | ObjectSchemaType;
  collection?: boolean;
  [key: string]: unknown;
}
export type ObjectSchemaType = { [field: string]: ObjectSchemaField };

export const ObjectSchemaFieldSchema: z.ZodType<ObjectSchemaField> = z
  .looseObject({
    get type() {
      return z.union([z.string(), ObjectSchemaTypeSchema]);
    },
    collection: z.boolean().optional(),
  })
  .register(formatRegistry, { id: "ObjectSchemaField" });

/** An object schema used as a `value.type`: `{"<field>": {type, collection}, …}`; it can nest. */
export const ObjectSchemaTypeSchema: z.ZodType<ObjectSchemaType> = z
  .record(
    z.string(),
    z.lazy(() => ObjectSchemaFieldSchema),
  )
  .register(formatRegistry, {
    id: "ObjectSchemaType",
    description: "An object schema used as a value type; field types may nest.",
  });

/**
 * The value of an input or output entry. For `flo` values `data` is a flow UUID (a helper call), an inline
 * flow object (§6) or empty; otherwise `data` is any JSON (a constant, or the type default when pinned).
 */
export const FloValueSchema = z
  .looseObject({
    type: z.literal("flo"),
    collection: z.boolean(),
    get data() {
      return z.union([z.string(), z.null(), InlineFlowSchema]);
    },
  })
  .register(formatRegistry, { id: "FloValue", description: "A `flo`-typed value: a helper-flow UUID, an inline flow, or empty." });

export const DataValueSchema = z
  .looseObject({
    type: z.union([z.enum(VALUE_TYPE_NAMES.filter((t) => t !== "flo") as [string, ...string[]]), ObjectSchemaTypeSchema]),
    collection: z.boolean(),
    data: z.unknown(),
  })
  .register(formatRegistry, { id: "DataValue", description: "A value of any type other than `flo`." });

export const ValueSchema = z.union([DataValueSchema, FloValueSchema]).register(formatRegistry, {
  id: "Value",
  description: "An entry value `{type, collection, data}` (E1, E2).",
});

export type FloValue = z.infer<typeof FloValueSchema>;
export type DataValue = z.infer<typeof DataValueSchema>;
export type Value = z.infer<typeof ValueSchema>;

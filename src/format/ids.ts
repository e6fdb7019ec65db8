/**
 * Id and string patterns measured on real exports (FLOPACK.md §2.1, §1.1). Shared by the schemas and the rules.
 */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Card uuids (nanoid-like, 8–12 characters observed; M6). */
export const METHOD_UUID = /^[A-Za-z0-9_-]{7,12}$/;
export const CREATED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const CHECKSUM = /^[0-9a-f]{64}$/;
export const VERSIONS = ["1.2.0", "1.3.0", "1.4.0", "1.5.0"] as const;
/** The primitive `value.type` names (E2); anything else must be an object schema. */
export const VALUE_TYPE_NAMES = ["string", "number", "boolean", "object", "Date", "flo", "file"] as const;
export type ValueTypeName = (typeof VALUE_TYPE_NAMES)[number];

import { z } from "zod";
import { UUID_V4 } from "./ids.js";
import { formatRegistry } from "./registry.js";
import { FlowSchema } from "./flow.js";

/**
 * A connection (§2.3): `{id, name, module, data}`. Exports always strip credentials (`data: null`); the
 * `config-no-secrets` rule reports anything else, so the schema leaves `data` open to give that rule the say.
 */
export const ConfigSchema = z
  .strictObject({
    id: z.string().regex(UUID_V4),
    name: z.string(),
    module: z.string(),
    data: z.unknown(),
  })
  .register(formatRegistry, { id: "Config", description: "A connection; credentials are never exported." });

/**
 * A table column (D4, D5): defaults are strings or null. Types: text, number, date, true/false, and `ctr`, a
 * number column with default "0" seen in one community export (a counter).
 */
export const TableColumnSchema = z
  .strictObject({
    name: z.string(),
    type: z.enum(["str", "dec", "dte", "bln", "ctr"]),
    default: z.string().nullable(),
  })
  .register(formatRegistry, { id: "TableColumn" });

/** An Okta Table (§2.4, D4); rows are never exported. */
export const TableSchema = z
  .looseObject({
    id: z.string().regex(UUID_V4),
    name: z.string(),
    description: z.string(),
    data: z.looseObject({
      class: z.literal("simple"),
      group_id: z.string(),
      structure: z.array(TableColumnSchema),
    }),
  })
  .register(formatRegistry, { id: "Table", description: "An Okta Table (stash); structure only." });

/** A folder (§2.5, D6). `path` (1.4.0+) is "" or the dot-joined ancestor ids. */
export const GroupSchema = z
  .looseObject({
    id: z.string().regex(UUID_V4),
    data: z.looseObject({
      name: z.string(),
      description: z.string(),
      media_uri: z.string(),
      path: z.string().optional(),
    }),
  })
  .register(formatRegistry, { id: "Group", description: "A folder." });

/** `data`: four maps keyed by id, plus `projectOverview` (`{}`) in some 1.5.0 exports (D1). */
export const FlopackDataSchema = z
  .looseObject({
    flos: z.record(z.string(), FlowSchema),
    configs: z.record(z.string(), ConfigSchema),
    tables: z.record(z.string(), TableSchema),
    groups: z.record(z.string(), GroupSchema),
    projectOverview: z.looseObject({}).optional(),
  })
  .register(formatRegistry, { id: "FlopackData" });

export type Config = z.infer<typeof ConfigSchema>;
export type TableColumn = z.infer<typeof TableColumnSchema>;
export type Table = z.infer<typeof TableSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type FlopackData = z.infer<typeof FlopackDataSchema>;

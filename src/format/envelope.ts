import { z } from "zod";
import { CHECKSUM, CREATED, VERSIONS } from "./ids.js";
import { formatRegistry } from "./registry.js";
import { FlopackDataSchema } from "./collections.js";

/** The constant `flags` of every export (T4). */
export const FLAGS = { "auto-transform": true, looseBooleans: true, looseStrings: true, looseNulls: true } as const;

export const FlagsSchema = z
  .strictObject({
    "auto-transform": z.literal(true),
    looseBooleans: z.literal(true),
    looseStrings: z.literal(true),
    looseNulls: z.literal(true),
  })
  .register(formatRegistry, { id: "Flags", description: "Always these four `true` flags." });

export { ENVELOPE_KEYS } from "./keys.js";

/**
 * The whole file (§1.1, T1–T6). Unknown top-level keys are not dropped: the `envelope-keys` rule reports them.
 */
export const FlopackSchema = z
  .looseObject({
    type: z.literal("flopack"),
    version: z.enum(VERSIONS),
    created: z.string().regex(CREATED),
    flags: FlagsSchema,
    data: FlopackDataSchema,
    checksum: z.string().regex(CHECKSUM).optional(),
  })
  .register(formatRegistry, {
    id: "Flopack",
    title: "Okta Workflows .flopack export",
    description: "A flopack as measured on 125 real exports (see FLOPACK.md).",
  });

export type Flags = z.infer<typeof FlagsSchema>;
export type Flopack = z.infer<typeof FlopackSchema>;

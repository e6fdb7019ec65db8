import { z } from "zod";
import { formatRegistry } from "./registry.js";
import { ValueSchema } from "./value.js";

/**
 * Fields shared by input and output entries (E1). `group` and `metadata` are always present in practice.
 * `value` is not in here: it is a getter (the schema recurses through inline flows), and spreading an object
 * calls its getters, which would read ValueSchema before value.ts has run.
 */
const entryShape = {
  id: z.string(),
  group: z.string().nullable().optional(),
  key: z.string(),
  ref: z.boolean(),
  metadata: z.looseObject({}).optional(),
  _used: z.boolean().optional(),
};

/** An input entry: `required` is always a boolean (E4) and `flags` is `d` (data) or `p` (option) (E3). */
export const InputEntrySchema = z
  .looseObject({
    ...entryShape,
    get value() {
      return ValueSchema;
    },
    required: z.boolean(),
    flags: z.enum(["d", "p"]),
  })
  .register(formatRegistry, { id: "InputEntry", description: "An input field of a card (E1, E3, E4)." });

/** An output entry: never `required` (E5, checked by a rule); `flags` only on mirrored cards. */
export const OutputEntrySchema = z
  .looseObject({
    ...entryShape,
    get value() {
      return ValueSchema;
    },
    flags: z.enum(["d", "p"]).optional(),
  })
  .register(formatRegistry, { id: "OutputEntry", description: "An output field of a card (E1)." });

const entryMapShape = {
  extensible: z.boolean(),
  rules: z.looseObject({}).optional(),
  groupRules: z.looseObject({}).optional(),
};

/** `model.inputs`: `{extensible, rules?, groupRules?, data: {<entryId>: InputEntry}}`. */
export const InputsSchema = z
  .looseObject({ ...entryMapShape, data: z.record(z.string(), InputEntrySchema) })
  .register(formatRegistry, { id: "Inputs" });

/** `model.outputs`, same shape as the inputs. */
export const OutputsSchema = z
  .looseObject({ ...entryMapShape, data: z.record(z.string(), OutputEntrySchema) })
  .register(formatRegistry, { id: "Outputs" });

export type InputEntry = z.infer<typeof InputEntrySchema>;
export type OutputEntry = z.infer<typeof OutputEntrySchema>;
export type Entry = InputEntry | OutputEntry;
export type Inputs = z.infer<typeof InputsSchema>;
export type Outputs = z.infer<typeof OutputsSchema>;

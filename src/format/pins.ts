import { z } from "zod";
import { formatRegistry } from "./registry.js";

/**
 * `{"<srcOutputId>": {convert, forceWrapArray, dest: "<srcOutputId>"}}`: an automatic type conversion (G4, §5.4).
 * `convert` is absent when the only conversion is wrapping a value into a list (`forceWrapArray: true`, seen in
 * a community export).
 */
export const TransformSchema = z
  .record(z.string(), z.looseObject({ convert: z.string().optional(), forceWrapArray: z.boolean(), dest: z.string() }))
  .nullable()
  .register(formatRegistry, {
    id: "Transform",
    description: "null, or one conversion keyed by the source output id; `dest` repeats that id.",
  });

/** One wire into an input of the target card. */
export const PinSchema = z
  .looseObject({ input: z.string(), transform: TransformSchema })
  .register(formatRegistry, { id: "Pin", description: "A data wire into the input `input` of the target card." });

/** `pins[outputId][targetCardUuid] = [Pin, …]`, stored on the source card only (G3, §5.2). */
export const PinsSchema = z
  .record(z.string(), z.record(z.string(), z.array(PinSchema)))
  .register(formatRegistry, { id: "Pins", description: "outputId → target card uuid → wires." });

export type Transform = z.infer<typeof TransformSchema>;
export type Pin = z.infer<typeof PinSchema>;
export type Pins = z.infer<typeof PinsSchema>;

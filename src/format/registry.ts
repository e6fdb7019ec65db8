import { z } from "zod";

/**
 * Names and descriptions for the schemas that become `$defs` entries of schemas/flopack.schema.json.
 * A dedicated registry (not zod's global one) so that other modules' schemas can never collide with ours.
 */
export interface FormatMeta {
  id: string;
  title?: string;
  description?: string;
}

export const formatRegistry = z.registry<FormatMeta>();

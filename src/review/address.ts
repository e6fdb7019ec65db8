/** What a reviewer reads of a card address: `connector action` plus the connector version. */
import { parseAddress } from "../shapes/address.js";

export interface CardKind {
  /** Kernel module (`control`, `list`...) or connector key (`okta`, `office365admin`...). */
  connector: string;
  action: string;
  /** Connector version for channel cards; null for kernel cards (always 0.0.1). */
  version: string | null;
  kernel: boolean;
}

export function cardKindOf(address: unknown): CardKind {
  const parsed = typeof address === "string" ? parseAddress(address) : undefined;
  if (parsed)
    return {
      connector: parsed.module,
      action: parsed.key,
      version: parsed.kind === "kernel" ? null : parsed.version,
      kernel: parsed.kind === "kernel",
    };
  // Unknown grammar: keep the whole address visible rather than guessing.
  return typeof address === "string"
    ? { connector: address, action: "?", version: null, kernel: false }
    : { connector: "?", action: "?", version: null, kernel: false };
}

/** `module:key`, the version-independent identity of a card type. */
export function kindKey(kind: CardKind): string {
  return `${kind.connector}:${kind.action}`;
}

export function isKernel(kind: CardKind, module: string, key: string): boolean {
  return kind.kernel && kind.connector === module && kind.action === key;
}

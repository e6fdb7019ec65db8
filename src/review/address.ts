/** A card address split into what a reviewer reads: `connector action` plus the connector version. */
export interface CardKind {
  /** Kernel module (`control`, `list`...) or connector key (`okta`, `office365admin`...). */
  connector: string;
  action: string;
  /** Connector version for channel cards; null for kernel cards (always 0.0.1). */
  version: string | null;
  kernel: boolean;
}

export function parseAddress(address: unknown): CardKind {
  if (typeof address !== "string") return { connector: "?", action: "?", version: null, kernel: false };
  const parts = address.split(":");
  if (parts[0] === "root" && parts[1] === "kernel" && parts.length === 5) {
    return { connector: parts[2] ?? "?", action: parts[4] ?? "?", version: null, kernel: true };
  }
  if (parts[0] === "root" && parts[1] === "channels" && parts.length === 6) {
    return { connector: parts[3] ?? "?", action: parts[5] ?? "?", version: parts[4] ?? null, kernel: false };
  }
  // Unknown grammar: keep the whole address visible rather than guessing.
  return { connector: address, action: "?", version: null, kernel: false };
}

/** `module:key`, the version-independent identity of a card type. */
export function kindKey(kind: CardKind): string {
  return `${kind.connector}:${kind.action}`;
}

export function isKernel(kind: CardKind, module: string, key: string): boolean {
  return kind.kernel && kind.connector === module && kind.action === key;
}

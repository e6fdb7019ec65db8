/**
 * Card addresses (FLOPACK.md §4.2):
 *   root:kernel:<module>:0.0.1:<key>                 kernel functions
 *   root:channels:http:<connector>:<semver>:<key>    connector actions
 */
export interface CardAddress {
  kind: "kernel" | "connector";
  /** Kernel module (`control`, `string`...) or connector key (`office365admin`...). */
  module: string;
  version: string;
  key: string;
}

export function parseCardAddress(address: string): CardAddress | undefined {
  const parts = address.split(":");
  if (parts.length === 5 && parts[0] === "root" && parts[1] === "kernel") {
    const [, , module, version, key] = parts as [string, string, string, string, string];
    if (module && version && key) return { kind: "kernel", module, version, key };
  }
  if (parts.length === 6 && parts[0] === "root" && parts[1] === "channels" && parts[2] === "http") {
    const [, , , module, version, key] = parts as [string, string, string, string, string, string];
    if (module && version && key) return { kind: "connector", module, version, key };
  }
  return undefined;
}

/**
 * Compares dotted versions numerically part by part ("1.0.202" > "1.0.58"); non-numeric parts compare
 * by code units, so the order is total and locale-independent.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Plain code-unit comparison (never localeCompare: output must not depend on LANG). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

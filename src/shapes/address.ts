/**
 * Card addresses (FLOPACK.md §4.2), the one place that reads them:
 *   root:kernel:<module>:0.0.1:<key>                 kernel functions
 *   root:channels:http:<connector>:<x.y.z>:<key>     connector actions
 */

export interface CardAddress {
  kind: "kernel" | "connector";
  /** Kernel module (`control`, `string`...) or connector key (`office365admin`...). */
  module: string;
  version: string;
  /** The action key (`if`, `compose`, `customApiAction`...). */
  key: string;
  /** `module:key`, the version-independent identity of a card type (`control:if`). */
  moduleKey: string;
  /** What `parents.version.address` repeats (M3): the address without its key. */
  versionAddress: string;
  /** What `parents.channel.address` repeats: the address without its key and version. */
  channelAddress: string;
}

const KERNEL_PREFIX = "root:kernel:";
const CONNECTOR_PREFIX = "root:channels:http:";
/** The one version every kernel address has. */
const KERNEL_VERSION = "0.0.1";

/**
 * The parts of an address of either form (every part non-empty); undefined for anything else. Says nothing of
 * the characters in each part: `followsGrammar` does.
 */
export function parseAddress(address: string): CardAddress | undefined {
  const parts = address.split(":");
  if (parts.length === 5 && parts[0] === "root" && parts[1] === "kernel") {
    const [, , module, version, key] = parts as [string, string, string, string, string];
    return module && version && key ? parsed("kernel", `${KERNEL_PREFIX}${module}`, module, version, key) : undefined;
  }
  if (parts.length === 6 && parts[0] === "root" && parts[1] === "channels" && parts[2] === "http") {
    const [, , , module, version, key] = parts as [string, string, string, string, string, string];
    return module && version && key ? parsed("connector", `${CONNECTOR_PREFIX}${module}`, module, version, key) : undefined;
  }
  return undefined;
}

function parsed(kind: CardAddress["kind"], channelAddress: string, module: string, version: string, key: string): CardAddress {
  return { kind, module, version, key, moduleKey: `${module}:${key}`, versionAddress: `${channelAddress}:${version}`, channelAddress };
}

const MODULE = /^[A-Za-z0-9_]+$/;
const CONNECTOR_VERSION = /^\d+\.\d+\.\d+$/;

/** Whether a parsed address follows the grammar exactly (M1, M7): word-character modules, kernel 0.0.1, x.y.z. */
export function followsGrammar(a: CardAddress): boolean {
  return MODULE.test(a.module) && (a.kind === "kernel" ? a.version === KERNEL_VERSION : CONNECTOR_VERSION.test(a.version));
}

/** A kernel function's address. */
export function kernelAddress(module: string, key: string): string {
  return `${KERNEL_PREFIX}${module}:${KERNEL_VERSION}:${key}`;
}

/** Whether an address names a connector action (`root:channels:http:...`). */
export function isConnectorAddress(address: string): boolean {
  return address.startsWith(CONNECTOR_PREFIX);
}

/** Whether an address names an action of this connector (any version). */
export function isConnectorCard(address: string, connector: string): boolean {
  return address.startsWith(`${CONNECTOR_PREFIX}${connector}:`);
}

/** The connector of a connector action's address; undefined for kernel functions and malformed addresses. */
export function connectorOf(address: string): string | undefined {
  const a = parseAddress(address);
  return a?.kind === "connector" ? a.module : undefined;
}

/** The action key: the address's last part (of any text, the part after the last colon). */
export function actionKey(address: string): string {
  return address.slice(address.lastIndexOf(":") + 1);
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

/** A card's item in its flow's `display.preview` (FLOPACK.md §3.1): object expand cards have an empty name. */
export function previewItem(a: CardAddress): { module: string; name: string; kernel: boolean } {
  const kernel = a.kind === "kernel";
  return { module: a.module, name: kernel && a.moduleKey === "object:expand" ? "" : a.key, kernel };
}

import { createHash } from "node:crypto";

/**
 * Ids are derived, not random: a hash of stable names, rendered in the alphabet and length Okta uses.
 * Same names → same ids on every machine. Changing this changes every emitted id (pinned by a test).
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

function digest(parts: readonly string[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(String(part.length));
    hash.update(":");
    hash.update(part);
  }
  return hash.digest();
}

/** A 10-character id over `[A-Za-z0-9_-]` (cards, entries, ordering edges). */
export function shortId(...parts: string[]): string {
  const bytes = digest(parts);
  let out = "";
  for (let i = 0; i < 10; i++) out += ALPHABET[bytes[i]! & 63];
  return out;
}

/** A lowercase UUID v4-shaped id (flows, folders, tables, connections, inline flows). */
export function uuidFrom(...parts: string[]): string {
  const b = Buffer.from(digest(parts).subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

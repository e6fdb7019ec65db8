/** Encryption cards (module `crypto`): HMAC, with the algorithms and digests the card offers (node:crypto). */
import { createHmac, getHashes } from "node:crypto";
import { CardFailure, type CardFunction } from "../card-function.js";
import { arg, one } from "./args.js";
import { isBlank, text } from "./values.js";

const DIGESTS = new Set(["base64", "hex", "binary"]);
let hashes: Set<string> | undefined;

/** HMAC of `data` with `key`: algorithm (empty: sha256) and digest (empty: hex). */
const hmac: CardFunction = (call) => {
  const algorithm = isBlank(arg(call, "algorithm")) ? "sha256" : text(arg(call, "algorithm"));
  const digest = isBlank(arg(call, "digest")) ? "hex" : text(arg(call, "digest"));
  hashes ??= new Set(getHashes().map((h) => h.toLowerCase()));
  if (!hashes.has(algorithm.toLowerCase())) throw new CardFailure(`algorithm: ${JSON.stringify(algorithm)} is not available`);
  if (!DIGESTS.has(digest)) throw new CardFailure(`digest: ${JSON.stringify(digest)} is not one of base64, hex, binary`);
  return one(
    call,
    createHmac(algorithm, text(arg(call, "key")))
      .update(text(arg(call, "data")))
      .digest(digest as "base64" | "hex" | "binary"),
  );
};

export const cryptoCards: ReadonlyArray<readonly [string, CardFunction]> = [["crypto:hmac", hmac]];

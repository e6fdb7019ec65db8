import { okta, type ConformanceCase } from "../conformance.js";

export const encodingCases: readonly ConformanceCase[] = [
  {
    card: "url:encodeComponent",
    title: "reserved characters are percent-encoded",
    doc: okta("url/url_encodecomponent.htm"),
    inputs: { string: 'profile.email eq "a+b@x.com"' },
    expect: { output: "profile.email%20eq%20%22a%2Bb%40x.com%22" },
  },
  {
    card: "url:encode",
    title: "an object as a query string",
    doc: okta("url/url_encode.htm"),
    assumed: "keys and values are encoded as a form query string; a list repeats its key",
    inputs: { data: { q: "a b", tag: ["x", "y"] } },
    expect: { output: "q=a%20b&tag=x&tag=y" },
  },
  {
    card: "crypto:hmac",
    title: "HMAC-SHA256 of data with a key, as hex",
    doc: okta("encryption/encryption_hmac.htm"),
    assumed: "the algorithm and digest choices are node:crypto's names (RSA-SHA256, sha256...)",
    inputs: { algorithm: "RSA-SHA256", key: "key", data: "The quick brown fox jumps over the lazy dog", digest: "hex" },
    expect: { output: "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8" },
  },
  {
    card: "crypto:hmac",
    title: "an unknown digest fails the card",
    doc: okta("encryption/encryption_hmac.htm"),
    assumed: "a digest outside base64, hex and binary is an input error (400)",
    inputs: { algorithm: "sha256", key: "k", data: "d", digest: "base32" },
    error: "digest",
  },
];

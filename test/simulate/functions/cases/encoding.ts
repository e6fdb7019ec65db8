import type { ConformanceCase } from "../conformance.js";
import { PAGES } from "../pages.js";

const PARSE = PAGES.parse.url;
const STRINGIFY = PAGES.stringify.url;
const ENCODE = PAGES.encodeComponent.url;
const DECODE = PAGES.decodeComponent.url;
const HMAC = PAGES.hmac.url;
const USER = {
  id: "00un26wnom930KZKX0h7",
  created: "2019-08-19T16:52:35.000Z",
  lastUpdated: "2019-08-19T16:52:35.000Z",
  profile: { firstName: "John", lastName: "Smith", email: "john.smith@okta.com" },
};

export const encodingCases: readonly ConformanceCase[] = [
  {
    card: "json:parse",
    title: "JSON text of an object becomes an object with its keys",
    doc: PARSE,
    inputs: { string: '{"a":"this","b":"that","c":"the other"}' },
    expect: { output: { a: "this", b: "that", c: "the other" } },
  },
  {
    card: "json:parse",
    title: "JSON text of a list of text becomes that list",
    doc: PARSE,
    inputs: { string: '["this is the first","this is the second","this is the third"]' },
    expect: { output: ["this is the first", "this is the second", "this is the third"] },
  },
  {
    card: "json:parse",
    title: "text that is not JSON fails the card",
    doc: PARSE,
    assumed: "the runtime error is an input error (400)",
    inputs: { string: "{name:" },
    error: "not JSON",
  },
  {
    card: "json:stringify",
    title: "a user object becomes compact JSON text, keys in order",
    doc: STRINGIFY,
    inputs: { object: USER },
    expect: {
      output:
        '{"id":"00un26wnom930KZKX0h7","created":"2019-08-19T16:52:35.000Z","lastUpdated":"2019-08-19T16:52:35.000Z","profile":{"firstName":"John","lastName":"Smith","email":"john.smith@okta.com"}}',
    },
  },
  {
    card: "url:encodeComponent",
    title: "Sherlock Holmes: Detective",
    doc: ENCODE,
    inputs: { string: "Sherlock Holmes: Detective" },
    expect: { output: "Sherlock%20Holmes%3A%20Detective" },
  },
  {
    card: "url:encodeComponent",
    title: "reserved characters are percent-encoded",
    doc: ENCODE,
    inputs: { string: 'profile.email eq "a+b@x.com"' },
    expect: { output: "profile.email%20eq%20%22a%2Bb%40x.com%22" },
  },
  {
    card: "url:decodeComponent",
    title: "Sherlock%20Holmes%3A%20Detective",
    doc: DECODE,
    inputs: { string: "Sherlock%20Holmes%3A%20Detective" },
    expect: { output: "Sherlock Holmes: Detective" },
  },
  {
    card: "url:decodeComponent",
    title: "percent-encoding decoded",
    doc: DECODE,
    inputs: { string: "a%20b%2Bc%40x" },
    expect: { output: "a b+c@x" },
  },
  {
    card: "url:decodeComponent",
    title: "a broken escape fails the card",
    doc: DECODE,
    assumed: "text that is not URL-encoded is an input error (400)",
    inputs: { string: "%E0%A4%A" },
    error: "not URL-encoded",
  },
  {
    card: "url:encode",
    title: "Encode Query: name and region",
    doc: PAGES.encodeQuery.url,
    inputs: { data: { name: "John Doe", region: "North America" } },
    expect: { output: "name=John%20Doe&region=North%20America" },
  },
  {
    card: "url:encode",
    title: "a list repeats its key",
    doc: PAGES.encodeQuery.url,
    assumed: "a list value repeats its key, once per item",
    inputs: { data: { q: "a b", tag: ["x", "y"] } },
    expect: { output: "q=a%20b&tag=x&tag=y" },
  },
  {
    card: "crypto:hmac",
    title: "sha256 of My secret message! with my secret key, as base64",
    doc: HMAC,
    inputs: { algorithm: "sha256", key: "my secret key", data: "My secret message!", digest: "base64" },
    expect: { output: "qd83l7nEE4gBpuaueA+XtKFeZO99aV7IvGgsJ15qmyo=" },
  },
  {
    card: "crypto:hmac",
    title: "an export's RSA-SHA256 algorithm, as hex",
    doc: HMAC,
    assumed: "an algorithm name outside the page's list (RSA-SHA256, in an export) is node:crypto's",
    inputs: { algorithm: "RSA-SHA256", key: "key", data: "The quick brown fox jumps over the lazy dog", digest: "hex" },
    expect: { output: "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8" },
  },
  {
    card: "crypto:hmac",
    title: "an unknown digest fails the card",
    doc: HMAC,
    assumed: "a digest outside base64, hex and binary is an input error (400)",
    inputs: { algorithm: "sha256", key: "k", data: "d", digest: "base32" },
    error: "digest",
  },
];

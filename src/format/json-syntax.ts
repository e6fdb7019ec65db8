/**
 * Finds the first JSON syntax error and describes it in our own words. V8's messages differ between Node versions
 * and do not always carry a position, so after `JSON.parse` fails we re-read the text with this small iterative
 * checker (explicit stack, no recursion). It only runs on invalid input, so it favours clarity over speed.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const WS = new Set([32, 9, 10, 13]);

export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  const stack: Array<"{" | "["> = [];
  let i = 0;

  const skipWs = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const fail = (message: string, at = i): JsonSyntaxError =>
    at >= n ? { offset: n, message: "unexpected end of input (is the file truncated?)" } : { offset: at, message };

  // Reads one string starting at text[i] === '"'; returns an error or undefined.
  const readString = (): JsonSyntaxError | undefined => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail(`control character ${describeChar(text, i)} inside a string (write it as an escape)`);
      if (c === 92) {
        const e = text[i + 1];
        if (e === undefined) return fail("", n);
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail("invalid \\u escape in a string (needs 4 hex digits)");
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) return fail(`invalid escape \\${e} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    return fail("", n);
  };

  const readNumber = (): JsonSyntaxError | undefined => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "" || m[0] === "-") return fail(`invalid number starting with ${describeChar(text, i)}`);
    i += m[0].length;
    return undefined;
  };

  // A state machine with an explicit stack: nesting depth never becomes call depth.
  let state: "value" | "key" | "after" = "value";
  for (;;) {
    skipWs();
    if (state === "value") {
      if (i >= n) return fail("", n);
      const ch = text[i]!;
      if (ch === "{" || ch === "[") {
        i++;
        skipWs();
        if (text[i] === (ch === "{" ? "}" : "]")) {
          i++;
          state = "after";
        } else {
          stack.push(ch);
          state = ch === "{" ? "key" : "value";
        }
        continue;
      }
      let err: JsonSyntaxError | undefined;
      if (ch === '"') err = readString();
      else if (ch === "-" || (ch >= "0" && ch <= "9")) err = readNumber();
      else {
        const lit = ["true", "false", "null"].find((l) => text.startsWith(l, i));
        if (lit === undefined) return fail(`unexpected ${describeChar(text, i)} where a value was expected`);
        i += lit.length;
      }
      if (err) return err;
      state = "after";
    } else if (state === "key") {
      if (i >= n) return fail("", n);
      if (text[i] !== '"') return fail(`expected a property name in double quotes, found ${describeChar(text, i)}`);
      const err = readString();
      if (err) return err;
      skipWs();
      if (i >= n) return fail("", n);
      if (text[i] !== ":") return fail(`expected ':' after a property name, found ${describeChar(text, i)}`);
      i++;
      state = "value";
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) return fail(`unexpected ${describeChar(text, i)} after the end of the JSON value`);
        return undefined;
      }
      if (i >= n) return fail("", n);
      const close = top === "{" ? "}" : "]";
      const ch = text[i];
      if (ch === close) {
        stack.pop();
        i++;
      } else if (ch === ",") {
        i++;
        state = top === "{" ? "key" : "value";
      } else {
        return fail(
          `expected ',' or '${close}' after ${top === "{" ? "a property value" : "an array element"}, found ${describeChar(text, i)}`,
        );
      }
    }
  }
}

/** A character for a message: quoted when printable, U+XXXX otherwise (never raw control bytes). */
export function describeChar(text: string, at: number): string {
  const cp = text.codePointAt(at);
  if (cp === undefined) return "end of input";
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfffd) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `'${String.fromCodePoint(cp)}'`;
}

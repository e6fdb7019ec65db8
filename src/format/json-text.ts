/**
 * Text-level facts about a JSON document, computed in one linear pass without recursion (so a hostile file with
 * 200k nested brackets costs nothing but time proportional to its size):
 * - the nesting depth, stopping at the first bracket past `maxDepth`;
 * - whether any whitespace sits outside strings (a compact export has none, T7);
 * - the number of object members written (colons outside strings): more than the parsed objects hold means a
 *   key written twice in one object (JSON.parse keeps the last copy silently).
 * String contents are skipped with `indexOf`, which is what keeps this fast on real exports (mostly strings).
 */
export interface TextScan {
  /** Offset of the first bracket that exceeds the depth limit, or -1. */
  tooDeepAt: number;
  maxDepth: number;
  /** Offset of the first whitespace character outside strings, or -1. */
  firstWhitespace: number;
  /** Whitespace outside strings other than a single trailing "\n". */
  hasInnerWhitespace: boolean;
  /** Object members in the text (counted up to the depth limit). */
  members: number;
}

export const MAX_JSON_DEPTH = 256;

export function scanJsonText(text: string, limit = MAX_JSON_DEPTH): TextScan {
  let depth = 0;
  let maxDepth = 0;
  let firstWhitespace = -1;
  let whitespaceCount = 0;
  let lastWhitespace = -1;
  let members = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let j = text.indexOf('"', i + 1);
      while (j !== -1 && isEscaped(text, j)) j = text.indexOf('"', j + 1);
      if (j === -1) break; // unterminated string: JSON.parse reports it
      i = j;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) {
        maxDepth = depth;
        if (depth > limit) return { tooDeepAt: i, maxDepth, firstWhitespace, hasInnerWhitespace: whitespaceCount > 0, members };
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 58 /* : */) {
      members++;
    } else if (c === 32 || c === 10 || c === 13 || c === 9) {
      if (firstWhitespace === -1) firstWhitespace = i;
      whitespaceCount++;
      lastWhitespace = i;
    }
  }
  const onlyTrailingNewline = whitespaceCount === 1 && lastWhitespace === n - 1 && text.charCodeAt(n - 1) === 10;
  return { tooDeepAt: -1, maxDepth, firstWhitespace, hasInnerWhitespace: whitespaceCount > 0 && !onlyTrailingNewline, members };
}

function isEscaped(text: string, quoteAt: number): boolean {
  let k = quoteAt - 1;
  while (text.charCodeAt(k) === 92 /* \ */) k--;
  return (quoteAt - 1 - k) % 2 === 1;
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

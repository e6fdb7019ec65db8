/**
 * Words a generated identifier must never be: JavaScript's reserved words (strict mode and modules), the
 * contextual keywords TypeScript and JavaScript give meaning to, and the names strict mode restricts. One list
 * for the import code generator and the card-factory generator.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await async of type as from get set " +
    "arguments eval undefined"
  ).split(" "),
);

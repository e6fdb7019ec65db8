/**
 * What one generated file knows while its statements are built: the names it has taken, and the imports
 * its statements need (recorded as they are used, printed in a fixed order).
 */
import { ts } from "ts-morph";
import { compareStrings } from "../util/compare.js";
import { IdentifierScope } from "./names.js";

const f = ts.factory;

export class FileContext {
  readonly names: IdentifierScope;
  private readonly named = new Map<string, Set<string>>(); // module → imported names
  private readonly defaults = new Map<string, string>(); // module → default import binding
  private readonly typeOnly = new Set<string>(); // "module\u0000name" imported as types

  constructor(reserved: Iterable<string> = []) {
    this.names = new IdentifierScope(reserved);
  }

  /** `name` from `module` (a flocode export, a card namespace, a resource). Returns the identifier. */
  use(module: string, name: string): ts.Identifier {
    let set = this.named.get(module);
    if (!set) this.named.set(module, (set = new Set()));
    set.add(name);
    return f.createIdentifier(name);
  }

  /** A type exported by `module` (imported with an inline `type` modifier). */
  useType(module: string, name: string): ts.Identifier {
    this.typeOnly.add(`${module}\u0000${name}`);
    return this.use(module, name);
  }

  /** The default export of `module` under `binding`. */
  useDefault(module: string, binding: string): ts.Identifier {
    this.defaults.set(module, binding);
    return f.createIdentifier(binding);
  }

  /** Import declarations: "flocode" first, then "flocode/cards", then relative modules by path. */
  imports(): ts.Statement[] {
    const modules = [...new Set([...this.named.keys(), ...this.defaults.keys()])].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
    return modules.map((m) => {
      const names = [...(this.named.get(m) ?? [])].sort(compareStrings);
      const def = this.defaults.get(m);
      const clause = f.createImportClause(
        false,
        def === undefined ? undefined : f.createIdentifier(def),
        names.length === 0
          ? undefined
          : f.createNamedImports(
              names.map((n) => f.createImportSpecifier(this.typeOnly.has(`${m}\u0000${n}`), undefined, f.createIdentifier(n))),
            ),
      );
      return f.createImportDeclaration(undefined, clause, f.createStringLiteral(m));
    });
  }
}

function rank(module: string): number {
  if (module === "flocode") return 0;
  if (module.startsWith("flocode/")) return 1;
  return 2;
}

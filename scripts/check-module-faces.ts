// Narrow public faces (part of `npm run lint`): every name a module's index.ts exports must be used somewhere
// outside that module (another module, app/ outside the modules, a route, a script or a test). A name only the
// module itself uses belongs in its files, not on its face. Prints each unused name and exits 1 if there is one.
//   npx tsx scripts/check-module-faces.ts [--root <dir>]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import ts from "typescript";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const ROOT = path.resolve(values.root ?? path.join(import.meta.dirname, ".."));
const MODULES = path.join(ROOT, "app", "modules");
const SCANNED = ["app", "scripts", "tests"].map((dir) => path.join(ROOT, dir));

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith(".d.ts")) found.push(full);
  }
  return found;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

/** The module an import specifier lands on when it names a module's face (its folder or its index), else null. */
function faceOf(specifier: string, importer: string): string | null {
  let target: string;
  if (specifier.startsWith("~/")) target = path.join(ROOT, "app", specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(importer), specifier);
  else return null;
  const relative = path.relative(MODULES, target).split(path.sep);
  if (relative[0] === ".." || relative.length === 0) return null;
  if (relative.length === 1 || (relative.length === 2 && /^index(\.tsx?)?$/.test(relative[1]))) return relative[0];
  return null;
}

/** The names each module's index.ts exports. */
function faceExports(): Map<string, Set<string>> {
  const faces = new Map<string, Set<string>>();
  for (const name of readdirSync(MODULES)) {
    const index = path.join(MODULES, name, "index.ts");
    try {
      statSync(index);
    } catch {
      continue;
    }
    const names = new Set<string>();
    for (const statement of parse(index).statements) {
      if (ts.isExportDeclaration(statement)) {
        if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
          for (const element of statement.exportClause.elements) names.add(element.name.text);
        }
        continue;
      }
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
      if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
        }
      } else if (
        (ts.isFunctionDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement)) &&
        statement.name
      ) {
        names.add(statement.name.text);
      }
    }
    faces.set(name, names);
  }
  return faces;
}

/** Every name imported from each module's face by files outside that module. */
function namesUsedFromOutside(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const record = (module: string, name: string) => {
    if (!used.has(module)) used.set(module, new Set());
    used.get(module)!.add(name);
  };
  for (const file of SCANNED.flatMap(sourceFiles)) {
    const ownRelative = path.relative(MODULES, file).split(path.sep);
    const own = ownRelative[0] !== ".." && ownRelative.length > 1 ? ownRelative[0] : null;
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const module = faceOf(node.moduleSpecifier.text, file);
        const bindings = node.importClause?.namedBindings;
        if (module && module !== own && bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) record(module, (element.propertyName ?? element.name).text);
        }
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const module = faceOf(node.moduleSpecifier.text, file);
        if (module && module !== own && node.exportClause && ts.isNamedExports(node.exportClause)) {
          for (const element of node.exportClause.elements) record(module, (element.propertyName ?? element.name).text);
        }
      } else if (
        // const { a, b: c } = await import("~/modules/x")
        ts.isVariableDeclaration(node) &&
        ts.isObjectBindingPattern(node.name) &&
        node.initializer &&
        ts.isAwaitExpression(node.initializer) &&
        ts.isCallExpression(node.initializer.expression) &&
        node.initializer.expression.expression.kind === ts.SyntaxKind.ImportKeyword
      ) {
        const [argument] = node.initializer.expression.arguments;
        const module = argument && ts.isStringLiteral(argument) ? faceOf(argument.text, file) : null;
        if (module && module !== own) {
          for (const element of node.name.elements) {
            const key = element.propertyName ?? element.name;
            if (ts.isIdentifier(key)) record(module, key.text);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return used;
}

const used = namesUsedFromOutside();
let unused = 0;
for (const [module, names] of faceExports()) {
  const outside = used.get(module) ?? new Set<string>();
  const idle = [...names].filter((name) => !outside.has(name)).sort();
  if (idle.length === 0) continue;
  unused += idle.length;
  console.log(`app/modules/${module}/index.ts exports ${idle.length} name(s) nothing outside the module uses:`);
  console.log(`  ${idle.join(", ")}`);
}
if (unused > 0) {
  console.log(`\n${unused} unused export(s): drop them from the index (keep them in the module's own files).`);
  process.exit(1);
}
console.log("module faces: every exported name is used outside its module");

// The house rules that carry Kundröst's architecture (docs/ARCHITECTURE.md), as ESLint rules, so `npm run lint`
// keeps them instead of reviewers:
//   kundrost/module-face           a module (app/modules/<name>/) is used from outside only through its index.ts
//   kundrost/graphql-in-shopify    nothing outside app/modules/shopify writes a GraphQL document
// Import cycles are import-x/no-cycle's and "routes never import db.server" is no-restricted-imports
// (eslint.config.js).
import path from "node:path";

const APP_DIR = path.resolve(import.meta.dirname, "..", "app");
const MODULES_DIR = path.join(APP_DIR, "modules");

/** The absolute path an import specifier names (no extension resolution), or null for a package. */
function resolveSpecifier(specifier, importerFile) {
  if (specifier.startsWith("~/")) return path.join(APP_DIR, specifier.slice(2));
  if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") {
    return path.resolve(path.dirname(importerFile), specifier);
  }
  return null;
}

/** For a path inside app/modules: the module's name and the path inside it; otherwise null. */
function moduleOf(absolutePath) {
  const relative = path.relative(MODULES_DIR, absolutePath);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return null;
  const [name, ...rest] = relative.split(path.sep);
  return { name, inner: rest.join("/") };
}

function isIndex(inner) {
  return inner === "" || /^index(\.tsx?|\.js)?$/.test(inner);
}

/** Calls `check(node, specifier)` for every import, re-export, dynamic import and vi.mock/require of a file. */
function forEachImport(check) {
  const fromSource = (node) => {
    if (node.source && typeof node.source.value === "string") check(node.source, node.source.value);
  };
  return {
    ImportDeclaration: fromSource,
    ExportNamedDeclaration: fromSource,
    ExportAllDeclaration: fromSource,
    ImportExpression(node) {
      if (node.source.type === "Literal" && typeof node.source.value === "string")
        check(node.source, node.source.value);
    },
    CallExpression(node) {
      const [first] = node.arguments;
      if (!first || first.type !== "Literal" || typeof first.value !== "string") return;
      const callee = node.callee;
      const isRequire = callee.type === "Identifier" && callee.name === "require";
      if (isRequire) check(first, first.value);
    },
  };
}

const moduleFace = {
  meta: {
    type: "problem",
    docs: { description: "A module is used from outside only through its index.ts (its public face)." },
    schema: [],
    messages: {
      deepImport:
        '"{{specifier}}" reaches into app/modules/{{name}}/{{inner}}. Import it from the module\'s face ' +
        '("~/modules/{{name}}", its index.ts), and export it there only if others really need it.',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const own = moduleOf(file);
    return forEachImport((node, specifier) => {
      const target = resolveSpecifier(specifier, file);
      if (!target) return;
      const targetModule = moduleOf(target);
      if (!targetModule || isIndex(targetModule.inner)) return;
      if (own && own.name === targetModule.name) return;
      context.report({ node, messageId: "deepImport", data: { specifier, ...targetModule } });
    });
  },
};

// A GraphQL document as the app writes them: `/* GraphQL */` or `#graphql` before it, a graphql/gql tag, or text
// that opens with an operation or fragment keyword, a name and a selection.
const DOCUMENT_START =
  /^\s*(#graphql\s*)?(query|mutation|subscription)\b\s*[A-Za-z_]*\s*(\([^)]*\))?\s*\{|^\s*fragment\s+\w+\s+on\s+\w+/;

const graphqlInShopify = {
  meta: {
    type: "problem",
    docs: { description: "Only app/modules/shopify writes GraphQL (one operation per file, schema-validated)." },
    schema: [],
    messages: {
      graphql:
        "GraphQL is written only in app/modules/shopify (one operation per file in operations/, validated " +
        "against the vendored Admin schema). Add an operation there and call it through the module's face.",
    },
  },
  create(context) {
    const source = context.sourceCode;
    const hasGraphqlComment = (node) =>
      source.getCommentsBefore(node).some((comment) => /^\s*GraphQL\s*$/i.test(comment.value));
    const report = (node) => context.report({ node, messageId: "graphql" });
    return {
      TaggedTemplateExpression(node) {
        const tag = node.tag.type === "Identifier" ? node.tag.name : null;
        if (tag === "gql" || tag === "graphql") report(node);
      },
      TemplateLiteral(node) {
        if (node.parent.type === "TaggedTemplateExpression") return;
        const text = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join("");
        if (hasGraphqlComment(node) || DOCUMENT_START.test(text)) report(node);
      },
      Literal(node) {
        if (typeof node.value !== "string") return;
        if (node.parent.type === "ImportDeclaration" || node.parent.type === "ExportNamedDeclaration") return;
        if (DOCUMENT_START.test(node.value)) report(node);
      },
    };
  },
};

export default {
  meta: { name: "kundrost-architecture" },
  rules: { "module-face": moduleFace, "graphql-in-shopify": graphqlInShopify },
};

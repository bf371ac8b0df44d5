// `npm run lint` runs this with --max-warnings 0, then Prettier --check. Why ESLint + Prettier:
// docs/decisions/006-lint-and-format.md. The architecture rules are explained in docs/ARCHITECTURE.md.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { importX, createNodeResolver } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";
import architecture from "./lint/architecture-rules.js";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      ".cache/**",
      "coverage/**",
      "tmp/**",
      "data/**",
      "tests/lint/tmp-*/**",
      // Minified by `npm run build:storefront` from storefront/, which is linted.
      "extensions/kundrost-reviews/assets/**",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "import-x": importX, "react-hooks": reactHooks, kundrost: architecture },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" }), createNodeResolver()],
    },
    rules: {
      // The architecture.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "kundrost/module-face": "error",
      "kundrost/graphql-in-shopify": "error",
      // Hygiene the compiler does not do.
      "import-x/no-duplicates": "error",
      "import-x/no-self-import": "error",
      "import-x/no-useless-path-segments": "error",
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        // `typeof import(".prisma/client-sqlite")` types what db.server.ts loads with require().
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "no-console": "off",
      // Prettier keeps code to 120 characters; this keeps comments there too. Long strings (email HTML, CSS,
      // copy, log messages) and URLs are left whole rather than cut mid-sentence.
      "max-len": [
        "error",
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    // Routes are thin: they call modules, never the database.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/db.server", "**/db.server"],
              message: "Routes never touch the database: call a module (app/modules/<name>) that does.",
            },
          ],
          paths: [
            {
              name: "@remix-run/node",
              importNames: ["defer"],
              message:
                "Pages are rendered to one string (app/entry.server.tsx, renderToString): deferred data would never " +
                "arrive. Load it in the loader, or bring the streaming renderer back first (decision 014).",
            },
          ],
        },
      ],
    },
  },
  {
    // The Admin GraphQL gateway is the one place GraphQL is written.
    files: ["app/modules/shopify/**"],
    rules: { "kundrost/graphql-in-shopify": "off" },
  },
  {
    // Tests may reach into a module's files where they test an internal on purpose.
    files: ["tests/**"],
    rules: { "kundrost/module-face": "off" },
  },
);

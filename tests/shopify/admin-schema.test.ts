// Every operation the app sends is checked against Shopify's own Admin schema for the version we pin, so a
// renamed or removed field fails here instead of in a merchant's shop. New files in the operations folder
// are picked up without touching this test.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  parse,
  validate,
  type GraphQLSchema,
  type IntrospectionQuery,
  OperationTypeNode,
  Kind,
  NoDeprecatedCustomRule,
} from "graphql";
import { isAdminOperation, type AnyAdminOperation } from "~/modules/shopify/operation";
import { ADMIN_API_VERSION } from "~/shopify.server";
import { standInOperationNames } from "~/modules/demo/standin.server";

const root = path.resolve(__dirname, "../..");
const operationsDir = path.join(root, "app/modules/shopify/operations");
const fixtureName = readdirSync(path.join(root, "tests/fixtures/shopify")).find((f) => /^admin_.+\.json\.gz$/.test(f));

function loadSchema(): GraphQLSchema {
  const raw = JSON.parse(
    gunzipSync(readFileSync(path.join(root, "tests/fixtures/shopify", fixtureName!))).toString("utf8"),
  ) as { data: IntrospectionQuery };
  return buildClientSchema(raw.data);
}

async function loadOperations(): Promise<{ file: string; operations: AnyAdminOperation[] }[]> {
  const files = readdirSync(operationsDir)
    .filter((f) => f.endsWith(".ts"))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const exported = (await import(path.join(operationsDir, file))) as Record<string, unknown>;
      return { file, operations: Object.values(exported).filter(isAdminOperation) };
    }),
  );
}

const schema = loadSchema();
const files = await loadOperations();

describe("the Admin API schema fixture", () => {
  it("is the version the app pins in shopify.server.ts and shopify.app.toml", () => {
    expect(fixtureName).toBe(`admin_${ADMIN_API_VERSION}.json.gz`);
    const toml = readFileSync(path.join(root, "shopify.app.toml"), "utf8");
    const webhooksSection = toml.slice(toml.indexOf("[webhooks]"));
    expect(/api_version\s*=\s*"([^"]+)"/.exec(webhooksSection)?.[1]).toBe(ADMIN_API_VERSION);
  });
});

describe("every Admin API operation", () => {
  it("lives one per file, named after its file", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const { file, operations } of files) {
      expect(
        operations.map((o) => o.name),
        file,
      ).toEqual([path.basename(file, ".ts")]);
    }
  });

  it.each(files.flatMap(({ operations }) => operations).map((o) => [o.name, o] as const))(
    "%s is valid against the pinned schema",
    (name, operation) => {
      const document = parse(operation.document);
      const errors = validate(schema, document).map((e) => e.message);
      expect(errors).toEqual([]);

      const definitions = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(definitions).toHaveLength(1);
      const [definition] = definitions;
      expect(definition.name?.value).toBe(name);
      expect(name.endsWith("Mutation")).toBe(definition.operation === OperationTypeNode.MUTATION);
    },
  );

  it.each(files.flatMap(({ operations }) => operations).map((o) => [o.name, o] as const))(
    "%s selects no deprecated field",
    (_name, operation) => {
      const errors = validate(schema, parse(operation.document), [NoDeprecatedCustomRule]).map((e) => e.message);
      expect(errors).toEqual([]);
    },
  );

  it("is answered by the demo and test stand-in", () => {
    const names = files.flatMap(({ operations }) => operations.map((o) => o.name));
    expect(names.filter((name) => !standInOperationNames().includes(name))).toEqual([]);
  });
});

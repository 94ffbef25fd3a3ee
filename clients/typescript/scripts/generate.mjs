// Writes src/generated/controller.ts: the TypeScript types of ../../openapi/controller.yaml.
//
//   node scripts/generate.mjs [--spec PATH] [--out PATH]
//
// The settings other-language teams need with this spec (see docs/other-languages.md):
// * defaultNonNullable: false. The spec's defaults say what a server or client assumes when a
//   field is left out (paging headers, session config); with the generator's default (true)
//   every field with a default becomes required, also in answers where it may be null.
// * `format: binary` is a Blob (the generator's default is string): the upload chunk body
//   and the model and package downloads are bytes.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import openapiTS, { astToString, NULL } from "openapi-typescript";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    spec: { type: "string", default: resolve(here, "../../../openapi/controller.yaml") },
    out: { type: "string", default: resolve(here, "../src/generated/controller.ts") },
  },
});

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));

const ast = await openapiTS(pathToFileURL(resolve(values.spec)), {
  defaultNonNullable: false,
  transform(schemaObject) {
    if (schemaObject.format === "binary") {
      return schemaObject.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
    }
    return undefined;
  },
});

mkdirSync(dirname(resolve(values.out)), { recursive: true });
writeFileSync(resolve(values.out), astToString(ast));
console.log(`wrote ${values.out}`);

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openapiCommand } from "./openapi.ts";

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../docs/openapi");

async function printed(kind: "region" | "hub"): Promise<unknown> {
  const lines: string[] = [];
  const code = await openapiCommand(["--kind", kind], {
    env: {},
    out: (line) => lines.push(line),
    err: () => {},
    readStdin: async () => "",
  });
  expect(code).toBe(0);
  return JSON.parse(lines.join("\n"));
}

describe("pnpm cli openapi", () => {
  // The committed documents are the API as it is meant to be: a change shows in review, and is
  // made on purpose by running `pnpm cli openapi --kind <kind> > docs/openapi/<kind>.json`.
  for (const kind of ["region", "hub"] as const) {
    it(`prints the ${kind} node's OpenAPI document, the one committed in docs/openapi`, async () => {
      const committed = JSON.parse(await readFile(path.join(docs, `${kind}.json`), "utf8"));
      expect(await printed(kind)).toEqual(committed);
    });
  }
});

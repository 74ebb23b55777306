import { parseArgs } from "node:util";
import { areas } from "@dynamo/areas";
import { createDb } from "@dynamo/db";
import { addTenant, buildNode } from "@dynamo/node";
import { type CliIo, UsageError } from "../io.ts";

export const openapiUsage = `
  openapi --kind region|hub
             prints the node's OpenAPI document (every operation of every area), built in memory:
             no database or running node is touched`;

const HOST = "node.invalid";

/** The OpenAPI document a node of this kind serves at /api/openapi.json, from a node built in memory. */
export async function openapiCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { kind: { type: "string" } }, strict: true });
  if (values.kind !== "region" && values.kind !== "hub")
    throw new UsageError("--kind region or --kind hub is required");
  const kind = values.kind;
  const database = await createDb({ driver: "pglite-memory" });
  try {
    const added = await addTenant(
      database.db,
      {
        slug: kind === "hub" ? "hub" : "eu",
        kind,
        regionCode: kind === "hub" ? null : "EU",
        names: { en: "OpenAPI" },
        defaultLocale: "en",
        hosts: [HOST],
      },
      () => crypto.randomUUID(),
    );
    if (!added.ok) throw new Error("could not add the in-memory tenant");
    const { app } = buildNode({
      kind,
      database,
      nodeSecret: "openapi-in-memory-node-secret-not-used",
      config: {
        env: "development",
        publicUrl: `http://${HOST}`,
        trustProxy: false,
        federationAllowPrivateAddresses: false,
        chromiumPath: "",
      },
      areas,
    });
    const response = await app.request(`http://${HOST}/api/openapi.json`);
    io.out(JSON.stringify(await response.json(), null, 2));
    return 0;
  } finally {
    await database.close();
  }
}

import { randomUUID } from "node:crypto";
import { access } from "node:fs/promises";
import path from "node:path";
import { HUB_NAMES, REGION_NAMES } from "@dynamo/core";
import { createDb, createTenantRepo } from "@dynamo/db";
import { addFirstUser } from "@dynamo/identity";
import { addTenant } from "@dynamo/node";
import { DEMO_PASSWORD, demoAccounts } from "./accounts.ts";
import type { DemoNode } from "./network.ts";

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Before a node's first start, while no process holds its embedded database: its tenant on the
 * node's address and the demo accounts (what `pnpm cli tenant add` and `pnpm cli user add
 * --password-stdin` do, in one process). A node that already has a database is left as it is.
 */
export async function bootstrapNode(node: DemoNode, log: (line: string) => void): Promise<boolean> {
  const dataDir = path.join(node.dataDir, "pglite");
  if (node.databaseUrl === undefined && (await exists(dataDir))) return false;
  const database = await createDb(
    node.databaseUrl === undefined ? { driver: "pglite", dataDir } : { driver: "postgres", url: node.databaseUrl },
  );
  try {
    if ((await createTenantRepo(database.db).list()).length > 0) return false;
    const tenant = await addTenant(
      database.db,
      {
        slug: node.slug,
        kind: node.kind,
        regionCode: node.regionCode,
        names: node.regionCode ? REGION_NAMES[node.regionCode] : HUB_NAMES,
        defaultLocale: node.slug === "americas" ? "es" : node.slug === "africa" ? "fr" : "en",
        hosts: [`${node.host}:${node.port}`],
      },
      randomUUID,
    );
    if (!tenant.ok) throw new Error(`could not create tenant ${node.slug}: ${JSON.stringify(tenant.error)}`);
    for (const account of demoAccounts(node)) {
      const added = await addFirstUser(
        database.db,
        tenant.value,
        { email: account.email, displayName: account.displayName, roles: account.roles, password: DEMO_PASSWORD },
        { clock: () => new Date(), newId: randomUUID },
      );
      if (!added.ok) throw new Error(`could not add ${account.email}: ${JSON.stringify(added.error)}`);
    }
    log(`demo: created tenant ${node.slug} and its accounts`);
    return true;
  } finally {
    await database.close();
  }
}

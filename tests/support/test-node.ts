import { randomBytes, randomUUID } from "node:crypto";
import type { LocalizedText, RegionCode, Tenant, TenantKind } from "@dynamo/domain";
import { addFirstUser, addTenant } from "@dynamo/node-kit";
import { createTestDatabase, freePort, type TestDatabase } from "@dynamo/testing";

/** The password of every account the cross-node harnesses create. */
export const TEST_PASSWORD = "a long street-work passphrase";

export interface TestNodeSpec {
  slug: string;
  kind: TenantKind;
  regionCode?: RegionCode;
  /** The loopback address the node will listen on (127.0.0.x). */
  address: string;
  names?: LocalizedText;
}

export interface PreparedTestNode {
  database: TestDatabase;
  port: number;
  origin: string;
  tenant: Tenant;
  adminEmail: string;
  nodeSecret: string;
}

/**
 * What every cross-node harness needs before it wires a node: its own fresh database, a free
 * port on its address, the tenant answering on that address, the tenant's administrator and a
 * node secret.
 */
export async function prepareTestNode(spec: TestNodeSpec): Promise<PreparedTestNode> {
  const database = await createTestDatabase();
  const port = await freePort(spec.address);
  const origin = `http://${spec.address}:${port}`;
  const created = await addTenant(
    database.db,
    {
      slug: spec.slug,
      kind: spec.kind,
      regionCode: spec.kind === "hub" ? null : (spec.regionCode ?? "EU"),
      names: spec.names ?? { en: `${spec.slug} (test)`, fr: `${spec.slug} (essai)` },
      defaultLocale: "en",
      hosts: [`${spec.address}:${port}`],
    },
    randomUUID,
  );
  if (!created.ok) throw new Error(`could not create tenant ${spec.slug}`);
  const tenant = created.value;
  const adminEmail = `admin@${spec.slug}.test`;
  const admin = await addFirstUser(
    database.db,
    tenant,
    { email: adminEmail, roles: [spec.kind === "hub" ? "hub_admin" : "node_admin"], password: TEST_PASSWORD },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!admin.ok) throw new Error(`could not add the admin of ${spec.slug}`);
  return { database, port, origin, tenant, adminEmail, nodeSecret: randomBytes(32).toString("base64url") };
}

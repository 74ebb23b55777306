import type { Config } from "@dynamo/config";
import {
  err,
  HUB_NAMES,
  hostWithoutPort,
  type NewTenant,
  ok,
  REGION_NAMES,
  type Result,
  type Tenant,
  type TenantId,
  type TenantKind,
  type TenantProblem,
  validateNewTenant,
} from "@dynamo/core";
import { type CreateTenantFailure, createTenantRepo, type Db } from "@dynamo/db";

export type AddTenantError = { kind: "invalid"; problems: TenantProblem[] } | CreateTenantFailure;

/** Adds a tenant after checking its shape; slug, region and hosts must be free on this node. */
export async function addTenant(
  db: Db,
  input: NewTenant,
  newId: () => string,
): Promise<Result<Tenant, AddTenantError>> {
  const problems = validateNewTenant(input);
  if (problems.length > 0) return err({ kind: "invalid", problems });
  return db.transaction(async (tx) => {
    const created = await createTenantRepo(tx).create(newId() as TenantId, input);
    return created.ok ? ok(created.value) : err(created.error);
  });
}

/**
 * A local run on an empty database creates the tenant the node is for, answering on the host of
 * PUBLIC_URL (and on "localhost" with that port), so the node is usable at once.
 * Returns the tenant created, or undefined when the node already had tenants.
 */
export async function ensureFirstTenant(
  db: Db,
  config: Pick<Config, "publicUrl" | "defaultRegion" | "defaultTenantSlug">,
  kind: TenantKind,
  newId: () => string,
): Promise<Tenant | undefined> {
  if ((await createTenantRepo(db).count()) > 0) return undefined;
  const url = new URL(config.publicUrl);
  const hosts = [...new Set([url.host, hostWithoutPort(url.host)])];
  const input: NewTenant =
    kind === "hub"
      ? {
          slug: config.defaultTenantSlug ?? "hub",
          kind,
          regionCode: null,
          names: HUB_NAMES,
          defaultLocale: "en",
          hosts,
        }
      : {
          slug: config.defaultTenantSlug ?? config.defaultRegion.toLowerCase(),
          kind,
          regionCode: config.defaultRegion,
          names: REGION_NAMES[config.defaultRegion],
          defaultLocale: config.defaultRegion === "AM" ? "es" : config.defaultRegion === "EU" ? "en" : "fr",
          hosts,
        };
  const result = await addTenant(db, input, newId);
  if (!result.ok) throw new Error(`could not create the first tenant: ${JSON.stringify(result.error)}`);
  return result.value;
}

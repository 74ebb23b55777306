import { hostWithoutPort, type NewTenant, normalizeHost, type Tenant, type TenantId } from "@dynamo/core";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { tenantHosts, tenants } from "./schema.ts";
import type { DbOrTx } from "./types.ts";

export type CreateTenantFailure =
  | { kind: "slug-taken"; slug: string }
  | { kind: "region-taken"; regionCode: string }
  | { kind: "host-taken"; host: string };

/**
 * Bumped by every write to the tenants or their hosts made in this process: a cached tenant read
 * before it is read again.
 */
let tenantsWritten = 0;

/**
 * The tenant answering on a Host header, as every request asks it: kept in memory `ttlMs`
 * (one second by default). A change made by this process is seen at once (its writes drop
 * what is kept); one made by another process of the same database within the TTL. A host no
 * tenant answers on is not kept, so a tenant just added answers at once. At most `limit`
 * hosts are kept (they come from requests' headers, though only known hosts are kept).
 */
export function cachedTenantByHost(db: DbOrTx, options: { ttlMs?: number; now?: () => number; limit?: number } = {}) {
  const { ttlMs = 1000, now = Date.now, limit = 1000 } = options;
  const repo = createTenantRepo(db);
  const kept = new Map<string, { tenant: Tenant; until: number; written: number }>();
  // Requests that arrive together when an entry expires share one lookup, not one each.
  const asking = new Map<string, { written: number; answer: Promise<Tenant | undefined> }>();
  const lookUp = async (host: string, written: number): Promise<Tenant | undefined> => {
    const tenant = await repo.findByHost(host);
    if (tenant === undefined) {
      kept.delete(host);
      return undefined;
    }
    if (kept.size >= limit) kept.clear();
    kept.set(host, { tenant, until: now() + ttlMs, written });
    return tenant;
  };
  return async (host: string): Promise<Tenant | undefined> => {
    const hit = kept.get(host);
    if (hit !== undefined && hit.until > now() && hit.written === tenantsWritten) return hit.tenant;
    const inFlight = asking.get(host);
    if (inFlight !== undefined && inFlight.written === tenantsWritten) return inFlight.answer;
    const written = tenantsWritten;
    const answer: Promise<Tenant | undefined> = lookUp(host, written).finally(() => {
      if (asking.get(host)?.answer === answer) asking.delete(host);
    });
    asking.set(host, { written, answer });
    return answer;
  };
}

export function createTenantRepo(db: DbOrTx) {
  async function withHosts(rows: (typeof tenants.$inferSelect)[]): Promise<Tenant[]> {
    if (rows.length === 0) return [];
    const hosts = await db
      .select()
      .from(tenantHosts)
      .where(
        inArray(
          tenantHosts.tenantId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(tenantHosts.host));
    return rows.map((row) => ({
      id: row.id as TenantId,
      slug: row.slug,
      kind: row.kind,
      regionCode: row.regionCode,
      names: row.names,
      defaultLocale: row.defaultLocale,
      hosts: hosts.filter((h) => h.tenantId === row.id).map((h) => h.host),
      createdAt: row.createdAt,
    }));
  }

  return {
    async list(): Promise<Tenant[]> {
      return withHosts(await db.select().from(tenants).orderBy(asc(tenants.slug)));
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants);
      return row?.n ?? 0;
    },

    async findBySlug(slug: string): Promise<Tenant | undefined> {
      const [tenant] = await withHosts(await db.select().from(tenants).where(eq(tenants.slug, slug)));
      return tenant;
    },

    /** The tenant answering on a Host header: the exact host (with port) first, then the bare name. */
    async findByHost(hostHeader: string): Promise<Tenant | undefined> {
      const exact = normalizeHost(hostHeader);
      const bare = hostWithoutPort(hostHeader);
      const rows = await db
        .select({ host: tenantHosts.host, tenant: tenants })
        .from(tenantHosts)
        .innerJoin(tenants, eq(tenants.id, tenantHosts.tenantId))
        .where(inArray(tenantHosts.host, exact === bare ? [exact] : [exact, bare]));
      const match = rows.find((r) => r.host === exact) ?? rows.find((r) => r.host === bare);
      if (match === undefined) return undefined;
      const [tenant] = await withHosts([match.tenant]);
      return tenant;
    },

    /** Inserts a tenant and its hosts; conflicts are reported, never half-applied. */
    async create(
      id: TenantId,
      input: NewTenant,
    ): Promise<{ ok: true; value: Tenant } | { ok: false; error: CreateTenantFailure }> {
      const hosts = [...new Set(input.hosts.map(normalizeHost))];
      const [slugTaken] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug));
      if (slugTaken) return { ok: false, error: { kind: "slug-taken", slug: input.slug } };
      if (input.regionCode !== null) {
        const [regionTaken] = await db
          .select({ id: tenants.id })
          .from(tenants)
          .where(eq(tenants.regionCode, input.regionCode));
        if (regionTaken) return { ok: false, error: { kind: "region-taken", regionCode: input.regionCode } };
      }
      const [hostTaken] = await db.select().from(tenantHosts).where(inArray(tenantHosts.host, hosts));
      if (hostTaken) return { ok: false, error: { kind: "host-taken", host: hostTaken.host } };

      await db.insert(tenants).values({
        id,
        slug: input.slug,
        kind: input.kind,
        regionCode: input.regionCode,
        names: input.names,
        defaultLocale: input.defaultLocale,
      });
      await db.insert(tenantHosts).values(hosts.map((host) => ({ host, tenantId: id })));
      tenantsWritten++;
      const [created] = await withHosts(await db.select().from(tenants).where(eq(tenants.id, id)));
      if (created === undefined) throw new Error(`tenant ${id} vanished after insert`);
      return { ok: true, value: created };
    },
  };
}

export type TenantRepo = ReturnType<typeof createTenantRepo>;

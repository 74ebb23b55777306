import type { LocalizedText, PlatformStatus, RegionCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, sql } from "drizzle-orm";
import type { NetworkPlatform } from "../domain/network-platform.ts";
import { networkPlatforms, networkRegions, peers, rosterDigests } from "./network-schema.ts";

export interface PublishedPlatform {
  platformActorId: string;
  countryCode: string;
  status: PlatformStatus;
  names: LocalizedText;
}

/** The network roster a tenant keeps: its peers' platforms, the hub's list of trusted regions, digests of what it sent. */
export function createRosterRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    /** Replaces what a region said about its platforms (its whole list each time). */
    async replacePlatforms(
      region: { actorId: string; regionCode: RegionCode | null },
      platforms: readonly PublishedPlatform[],
      now: Date,
    ): Promise<void> {
      await db
        .delete(networkPlatforms)
        .where(and(eq(networkPlatforms.tenantId, tenantId), eq(networkPlatforms.regionActorId, region.actorId)));
      if (platforms.length === 0) return;
      await db
        .insert(networkPlatforms)
        .values(
          platforms.map((p) => ({
            tenantId,
            regionActorId: region.actorId,
            regionCode: region.regionCode,
            ...p,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing();
    },

    /**
     * The network-wide roster: platforms of the regions this tenant is actively peered with.
     * With activeOnly, only those holding a vote (status active): a ballot's electorate.
     */
    async listPlatforms(options: { activeOnly: boolean }): Promise<NetworkPlatform[]> {
      const rows = await db
        .select({ p: networkPlatforms })
        .from(networkPlatforms)
        .innerJoin(
          peers,
          and(
            eq(peers.tenantId, networkPlatforms.tenantId),
            eq(peers.actorId, networkPlatforms.regionActorId),
            eq(peers.state, "active"),
          ),
        )
        .where(
          and(
            eq(networkPlatforms.tenantId, tenantId),
            options.activeOnly ? eq(networkPlatforms.status, "active") : undefined,
          ),
        )
        .orderBy(asc(networkPlatforms.regionCode), asc(networkPlatforms.countryCode));
      return rows.map(({ p }) => ({
        platformActorId: p.platformActorId,
        regionActorId: p.regionActorId,
        regionCode: p.regionCode,
        countryCode: p.countryCode,
        status: p.status,
        names: p.names,
        updatedAt: p.updatedAt,
      }));
    },

    async replaceRegions(hubActorId: string, actorIds: readonly string[], now: Date): Promise<void> {
      await db
        .delete(networkRegions)
        .where(and(eq(networkRegions.tenantId, tenantId), eq(networkRegions.hubActorId, hubActorId)));
      if (actorIds.length === 0) return;
      await db
        .insert(networkRegions)
        .values(actorIds.map((actorId) => ({ tenantId, actorId, hubActorId, updatedAt: now })))
        .onConflictDoNothing();
    },

    /** Is this actor on the roster of trusted regions a hub we are peered with sent us? */
    async isRosterRegion(actorId: string): Promise<boolean> {
      const [row] = await db
        .select({ one: sql`1` })
        .from(networkRegions)
        .innerJoin(
          peers,
          and(
            eq(peers.tenantId, networkRegions.tenantId),
            eq(peers.actorId, networkRegions.hubActorId),
            eq(peers.state, "active"),
          ),
        )
        .where(and(eq(networkRegions.tenantId, tenantId), eq(networkRegions.actorId, actorId)))
        .limit(1);
      return row !== undefined;
    },

    async listRegions(): Promise<string[]> {
      const rows = await db
        .select({ actorId: networkRegions.actorId })
        .from(networkRegions)
        .where(eq(networkRegions.tenantId, tenantId))
        .orderBy(asc(networkRegions.actorId));
      return rows.map((r) => r.actorId);
    },

    async digest(roster: "platforms" | "regions"): Promise<string | undefined> {
      const [row] = await db
        .select({ digest: rosterDigests.digest })
        .from(rosterDigests)
        .where(and(eq(rosterDigests.tenantId, tenantId), eq(rosterDigests.roster, roster)));
      return row?.digest;
    },

    async setDigest(roster: "platforms" | "regions", digest: string, now: Date): Promise<void> {
      await db
        .insert(rosterDigests)
        .values({ tenantId, roster, digest, updatedAt: now })
        .onConflictDoUpdate({
          target: [rosterDigests.tenantId, rosterDigests.roster],
          set: { digest, updatedAt: now },
        });
    },
  };
}

export type RosterRepo = ReturnType<typeof createRosterRepo>;

import type { CountryCode, LocalizedText, PlatformId, PlatformStatus, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { NewPlatform, Platform, PlatformContact, PlatformStatusChange } from "../domain/platform.ts";
import { people, platformStatusChanges, platforms } from "./schema.ts";

type Row = typeof platforms.$inferSelect;

function toPlatform(row: Row): Platform {
  return {
    id: row.id as PlatformId,
    tenantId: row.tenantId as TenantId,
    countryCode: row.countryCode as CountryCode,
    names: row.names,
    status: row.status,
    joinedOn: row.joinedOn,
    contact: {
      email: row.contactEmail,
      phone: row.contactPhone,
      address: row.contactAddress,
      website: row.contactWebsite,
    },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const contactColumns = (contact: PlatformContact) => ({
  contactEmail: contact.email,
  contactPhone: contact.phone,
  contactAddress: contact.address,
  contactWebsite: contact.website,
});

/** National platforms of one tenant, with their status history. */
export function createPlatformRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(platforms.tenantId, tenantId), ...conditions);

  return {
    async list(): Promise<Platform[]> {
      return (await db.select().from(platforms).where(scoped()).orderBy(asc(platforms.countryCode))).map(toPlatform);
    },

    async findById(id: string): Promise<Platform | undefined> {
      const [row] = await db
        .select()
        .from(platforms)
        .where(scoped(eq(platforms.id, id)));
      return row && toPlatform(row);
    },

    async findByCountry(countryCode: string): Promise<Platform | undefined> {
      const [row] = await db
        .select()
        .from(platforms)
        .where(scoped(eq(platforms.countryCode, countryCode)));
      return row && toPlatform(row);
    },

    async create(
      input: { id: PlatformId } & NewPlatform,
      change: { id: string; reason: string; changedBy: string | null },
      now: Date,
    ): Promise<Platform> {
      const [row] = await db
        .insert(platforms)
        .values({
          id: input.id,
          tenantId,
          countryCode: input.countryCode,
          names: input.names,
          status: input.status,
          joinedOn: input.joinedOn,
          ...contactColumns(input.contact),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (row === undefined) throw new Error("insert into platforms returned nothing");
      await db.insert(platformStatusChanges).values({
        id: change.id,
        tenantId,
        platformId: input.id,
        fromStatus: null,
        toStatus: input.status,
        reason: change.reason,
        changedBy: change.changedBy,
        changedAt: now,
      });
      return toPlatform(row);
    },

    async updateDetails(
      id: PlatformId,
      changes: { names?: LocalizedText; joinedOn?: string; contact?: PlatformContact },
      now: Date,
    ): Promise<Platform | undefined> {
      const [row] = await db
        .update(platforms)
        .set({
          ...(changes.names ? { names: changes.names } : {}),
          ...(changes.joinedOn ? { joinedOn: changes.joinedOn } : {}),
          ...(changes.contact ? contactColumns(changes.contact) : {}),
          updatedAt: now,
        })
        .where(scoped(eq(platforms.id, id)))
        .returning();
      return row && toPlatform(row);
    },

    async changeStatus(
      id: PlatformId,
      change: { id: string; from: PlatformStatus; to: PlatformStatus; reason: string; changedBy: string | null },
      now: Date,
    ): Promise<void> {
      await db
        .update(platforms)
        .set({ status: change.to, updatedAt: now })
        .where(scoped(eq(platforms.id, id)));
      await db.insert(platformStatusChanges).values({
        id: change.id,
        tenantId,
        platformId: id,
        fromStatus: change.from,
        toStatus: change.to,
        reason: change.reason,
        changedBy: change.changedBy,
        changedAt: now,
      });
    },

    async history(id: PlatformId): Promise<PlatformStatusChange[]> {
      const rows = await db
        .select({ change: platformStatusChanges, name: people.displayName })
        .from(platformStatusChanges)
        .leftJoin(people, and(eq(people.id, platformStatusChanges.changedBy), eq(people.tenantId, tenantId)))
        .where(and(eq(platformStatusChanges.tenantId, tenantId), eq(platformStatusChanges.platformId, id)))
        .orderBy(desc(platformStatusChanges.changedAt), sql`${platformStatusChanges.fromStatus} is null`);
      return rows.map(({ change, name }) => ({
        platformId: change.platformId as PlatformId,
        from: change.fromStatus,
        to: change.toStatus,
        reason: change.reason,
        changedBy: change.changedBy,
        changedByName: name,
        changedAt: change.changedAt,
      }));
    },
  };
}

export type PlatformRepo = ReturnType<typeof createPlatformRepo>;

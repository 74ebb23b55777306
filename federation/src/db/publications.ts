import type { Locale, LocalizedText, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Publication, PublicationKind } from "../domain/publication.ts";
import { publications } from "./network-schema.ts";

type Row = typeof publications.$inferSelect;

const toPublication = (row: Row): Publication => ({
  id: row.id,
  objectId: row.objectId,
  authorActorId: row.authorActorId,
  authorName: row.authorName,
  local: row.local,
  kind: row.kind,
  titles: row.titles,
  bodies: row.bodies,
  language: row.language,
  publishedAt: row.publishedAt,
  updatedAt: row.updatedAt,
});

export interface PublicationVersion {
  objectId: string;
  authorActorId: string;
  authorName: string | null;
  local: boolean;
  kind: PublicationKind;
  titles: LocalizedText;
  bodies: LocalizedText;
  language: Locale | null;
  publishedAt: Date;
  updatedAt: Date;
}

/** Articles a tenant keeps: its own and its peers'. Deleted ones stay as tombstones (deleted_at). */
export function createPublicationRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(publications.tenantId, tenantId), ...conditions);
  return {
    async list(options: { limit: number; localOnly?: boolean; kind?: PublicationKind }): Promise<Publication[]> {
      const rows = await db
        .select()
        .from(publications)
        .where(
          scoped(
            isNull(publications.deletedAt),
            options.localOnly ? eq(publications.local, true) : undefined,
            options.kind ? eq(publications.kind, options.kind) : undefined,
          ),
        )
        .orderBy(desc(publications.publishedAt))
        .limit(options.limit);
      return rows.map(toPublication);
    },

    async findById(id: string): Promise<Publication | undefined> {
      const [row] = await db
        .select()
        .from(publications)
        .where(scoped(eq(publications.id, id), isNull(publications.deletedAt)));
      return row && toPublication(row);
    },

    /** The kept version of an article, a tombstone included (deleted: true). */
    async findByObjectId(objectId: string): Promise<(Publication & { deleted: boolean }) | undefined> {
      const [row] = await db
        .select()
        .from(publications)
        .where(scoped(eq(publications.objectId, objectId)))
        .for("update");
      return row && { ...toPublication(row), deleted: row.deletedAt !== null };
    },

    async insert(id: string, version: PublicationVersion): Promise<void> {
      await db
        .insert(publications)
        .values({ id, tenantId, ...version })
        .onConflictDoNothing();
    },

    async replace(
      objectId: string,
      version: Omit<PublicationVersion, "objectId" | "local" | "publishedAt">,
    ): Promise<void> {
      await db
        .update(publications)
        .set(version)
        .where(scoped(eq(publications.objectId, objectId)));
    },

    /** Marks an article deleted; a tombstone is written for one never seen, so a late Create does not bring it back. */
    async tombstone(id: string, objectId: string, authorActorId: string, now: Date): Promise<void> {
      await db
        .insert(publications)
        .values({
          id,
          tenantId,
          objectId,
          authorActorId,
          local: false,
          kind: "news",
          titles: {},
          bodies: {},
          language: null,
          publishedAt: now,
          updatedAt: now,
          deletedAt: now,
        })
        .onConflictDoUpdate({ target: [publications.tenantId, publications.objectId], set: { deletedAt: now } });
    },
  };
}

export type PublicationRepo = ReturnType<typeof createPublicationRepo>;

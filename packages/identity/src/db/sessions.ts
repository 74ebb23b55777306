import type { Person, PersonId, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { toPerson } from "./people.ts";
import { people, sessions } from "./schema.ts";

export interface StoredSession {
  id: string;
  personId: PersonId;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

function toStored(row: typeof sessions.$inferSelect): StoredSession {
  return {
    id: row.id,
    personId: row.personId as PersonId,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}

/** Server-side sessions of one tenant. */
export function createSessionRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async create(input: {
      id: string;
      personId: PersonId;
      expiresAt: Date;
      clientAddress: string | null;
      now: Date;
    }): Promise<void> {
      await db.insert(sessions).values({
        id: input.id,
        tenantId,
        personId: input.personId,
        createdAt: input.now,
        lastSeenAt: input.now,
        expiresAt: input.expiresAt,
        clientAddress: input.clientAddress,
      });
    },

    async findById(id: string): Promise<StoredSession | undefined> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
      return row && toStored(row);
    },

    /**
     * A session with its person, in one query: what every signed-in request checks. Never
     * cached, so that a logout, a revoked session or a removed person is seen at once by every
     * process of the node.
     */
    async findWithPerson(id: string): Promise<{ session: StoredSession; person: Person } | undefined> {
      const [row] = await db
        .select({ session: sessions, person: people })
        .from(sessions)
        .innerJoin(people, and(eq(people.tenantId, sessions.tenantId), eq(people.id, sessions.personId)))
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
      return row && { session: toStored(row.session), person: toPerson(row.person) };
    },

    /** Every session of a person, newest first. */
    async listOf(personId: PersonId | string): Promise<StoredSession[]> {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.personId, personId)))
        .orderBy(desc(sessions.createdAt));
      return rows.map(toStored);
    },

    async touch(id: string, now: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
    },

    async revoke(id: string, reason: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length === 1;
    },

    /** Revokes every live session of a person, but the one given; returns how many ended. */
    async revokeAllOf(personId: PersonId, reason: string, now: Date, except?: string): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(
          and(
            eq(sessions.tenantId, tenantId),
            eq(sessions.personId, personId),
            isNull(sessions.revokedAt),
            except === undefined ? undefined : ne(sessions.id, except),
          ),
        )
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}

export type SessionRepo = ReturnType<typeof createSessionRepo>;

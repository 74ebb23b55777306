import type { Locale, Person, PersonId, PlatformId, PlatformSeat, Role, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { people } from "./schema.ts";

type Row = typeof people.$inferSelect;

export function toPerson(row: Row): Person {
  return {
    id: row.id as PersonId,
    tenantId: row.tenantId as TenantId,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    platformId: row.platformId as PlatformId | null,
    platformSeat: row.platformSeat,
    roles: row.roles,
    status: row.disabledAt !== null ? "disabled" : row.passwordHash === null ? "pending" : "active",
    createdAt: row.createdAt,
  };
}

export interface NewPerson {
  id: PersonId;
  email: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  platformId: PlatformId | null;
  platformSeat: PlatformSeat | null;
  passwordHash: string | null;
}

export type PersonWriteFailure = { kind: "email-taken"; email: string } | { kind: "seat-taken"; seat: PlatformSeat };

/** People of one tenant: every query is bound to it. */
export function createPeopleRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(people.tenantId, tenantId), ...conditions);

  async function seatTaken(
    platformId: PlatformId | null,
    seat: PlatformSeat | null,
    except?: PersonId,
  ): Promise<boolean> {
    if (platformId === null || seat === null) return false;
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .where(scoped(eq(people.platformId, platformId), eq(people.platformSeat, seat)));
    return rows.some((r) => r.id !== except);
  }

  return {
    async list(): Promise<Person[]> {
      const rows = await db.select().from(people).where(scoped()).orderBy(asc(people.displayName), asc(people.email));
      return rows.map(toPerson);
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(people).where(scoped());
      return row?.n ?? 0;
    },

    async countWithRole(role: Role): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(people)
        .where(scoped(sql`${role} = any(${people.roles})`));
      return row?.n ?? 0;
    },

    /** Those holding a role whose account is not disabled. */
    async countEnabledWithRole(role: Role): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(people)
        .where(scoped(sql`${role} = any(${people.roles})`, sql`${people.disabledAt} is null`));
      return row?.n ?? 0;
    },

    async findById(id: string): Promise<Person | undefined> {
      const [row] = await db
        .select()
        .from(people)
        .where(scoped(eq(people.id, id)));
      return row && toPerson(row);
    },

    async findByIds(ids: string[]): Promise<Person[]> {
      if (ids.length === 0) return [];
      return (
        await db
          .select()
          .from(people)
          .where(scoped(inArray(people.id, ids)))
      ).map(toPerson);
    },

    /** The person and their password hash, for a login; the hash never leaves the services. */
    async findCredentials(email: string): Promise<{ person: Person; passwordHash: string | null } | undefined> {
      const [row] = await db
        .select()
        .from(people)
        .where(scoped(eq(people.email, email)));
      return row && { person: toPerson(row), passwordHash: row.passwordHash };
    },

    async passwordHashOf(id: PersonId): Promise<string | null | undefined> {
      const [row] = await db
        .select({ hash: people.passwordHash })
        .from(people)
        .where(scoped(eq(people.id, id)));
      return row?.hash;
    },

    async create(
      input: NewPerson,
      now: Date,
    ): Promise<{ ok: true; value: Person } | { ok: false; error: PersonWriteFailure }> {
      const [taken] = await db
        .select({ id: people.id })
        .from(people)
        .where(scoped(eq(people.email, input.email)));
      if (taken) return { ok: false, error: { kind: "email-taken", email: input.email } };
      if (input.platformSeat !== null && (await seatTaken(input.platformId, input.platformSeat)))
        return { ok: false, error: { kind: "seat-taken", seat: input.platformSeat } };
      const [row] = await db
        .insert(people)
        .values({
          ...input,
          tenantId,
          passwordChangedAt: input.passwordHash ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (row === undefined) throw new Error("insert into people returned nothing");
      return { ok: true, value: toPerson(row) };
    },

    async updateProfile(
      id: PersonId,
      changes: { displayName?: string; locale?: Locale },
      now: Date,
    ): Promise<Person | undefined> {
      const [row] = await db
        .update(people)
        .set({ ...changes, updatedAt: now })
        .where(scoped(eq(people.id, id)))
        .returning();
      return row && toPerson(row);
    },

    async updateMembership(
      id: PersonId,
      changes: { roles: Role[]; platformId: PlatformId | null; platformSeat: PlatformSeat | null },
      now: Date,
    ): Promise<{ ok: true; value: Person } | { ok: false; error: PersonWriteFailure }> {
      if (changes.platformSeat !== null && (await seatTaken(changes.platformId, changes.platformSeat, id)))
        return { ok: false, error: { kind: "seat-taken", seat: changes.platformSeat } };
      const [row] = await db
        .update(people)
        .set({ ...changes, updatedAt: now })
        .where(scoped(eq(people.id, id)))
        .returning();
      if (row === undefined) throw new Error(`person ${id} vanished during an update`);
      return { ok: true, value: toPerson(row) };
    },

    /** Disables (a date) or re-enables (null) an account. */
    async setDisabled(id: PersonId, disabledAt: Date | null, now: Date): Promise<void> {
      await db
        .update(people)
        .set({ disabledAt, updatedAt: now })
        .where(scoped(eq(people.id, id)));
    },

    /** Removes a person who never joined (no password): true when removed. */
    async deletePending(id: PersonId): Promise<boolean> {
      const rows = await db
        .delete(people)
        .where(scoped(eq(people.id, id), sql`${people.passwordHash} is null`))
        .returning({ id: people.id });
      return rows.length > 0;
    },

    async setPasswordHash(id: PersonId, passwordHash: string, now: Date): Promise<void> {
      await db
        .update(people)
        .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
        .where(scoped(eq(people.id, id)));
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;

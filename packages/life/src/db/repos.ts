import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { AgendaItem, Delegation, IpgEdition } from "../domain/edition.ts";
import type { NetworkEvent } from "../domain/event.ts";
import type { JoinRejection, JoinStatus } from "../domain/registration.ts";
import {
  ipgDelegations,
  ipgEditions,
  lifeEventJoins,
  lifeEvents,
  lifeRegistrations,
  lifeRemoteRegistrations,
} from "./schema.ts";

type EditionRow = typeof ipgEditions.$inferSelect;
type EventRow = typeof lifeEvents.$inferSelect;
type DelegationRow = typeof ipgDelegations.$inferSelect;

const editionOf = (r: EditionRow): IpgEdition => ({
  id: r.id,
  year: r.year,
  continent: r.continent,
  country: r.country,
  city: r.city,
  timeZone: r.timeZone,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  status: r.status,
  repeatReason: r.repeatReason,
  capacity: r.capacity,
  agenda: r.agenda as AgendaItem[],
  eventUri: r.eventUri,
});

const eventOf = (r: EventRow): NetworkEvent => ({
  id: r.id,
  uri: r.uri,
  kind: r.kind,
  regionCode: r.regionCode ?? null,
  organizer: r.organizer,
  own: r.own === 1,
  name: r.name,
  description: r.description,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  timeZone: r.timeZone,
  place: r.place,
  status: r.status,
  theme: r.theme,
  indicatorKey: r.indicatorKey,
  provider: r.provider ?? null,
  platforms: r.platforms,
  participants: r.participants,
  outcome: r.outcome,
  evidence: r.evidence,
  sessions: r.sessions,
  objectives: r.objectives,
  capacity: r.capacity,
  editionId: r.editionId,
  hostCountry: r.hostCountry,
  updatedAt: r.updatedAt,
});

const delegationOf = (r: DelegationRow): Delegation & { sender: string | null } => ({
  id: r.id,
  editionId: r.editionId,
  regionCode: r.regionCode,
  countryCode: r.countryCode,
  representative: r.representative,
  substitute: r.substitute,
  observers: r.observers,
  interpretation: r.interpretation,
  status: r.status,
  reason: r.reason,
  registeredAt: r.registeredAt,
  decidedAt: r.decidedAt,
  sender: r.sender,
});

/** The network life's storage for one tenant. */
export function createLifeRepo(db: DbOrTx, tenantId: string) {
  return {
    async editions(): Promise<IpgEdition[]> {
      const rows = await db
        .select()
        .from(ipgEditions)
        .where(eq(ipgEditions.tenantId, tenantId))
        .orderBy(asc(ipgEditions.year));
      return rows.map(editionOf);
    },
    async edition(id: string): Promise<IpgEdition | undefined> {
      const [row] = await db
        .select()
        .from(ipgEditions)
        .where(and(eq(ipgEditions.tenantId, tenantId), eq(ipgEditions.id, id)));
      return row === undefined ? undefined : editionOf(row);
    },
    /** The edition, its row locked until the transaction ends (its status changed one step at a time). */
    async lockEdition(id: string): Promise<IpgEdition | undefined> {
      const [row] = await db
        .select()
        .from(ipgEditions)
        .where(and(eq(ipgEditions.tenantId, tenantId), eq(ipgEditions.id, id)))
        .for("update");
      return row === undefined ? undefined : editionOf(row);
    },
    async insertEdition(e: IpgEdition, now: Date): Promise<void> {
      await db.insert(ipgEditions).values({
        tenantId,
        ...e,
        createdAt: now,
        updatedAt: now,
      });
    },
    async updateEdition(e: IpgEdition, now: Date): Promise<void> {
      await db
        .update(ipgEditions)
        .set({
          status: e.status,
          agenda: e.agenda,
          updatedAt: now,
        })
        .where(and(eq(ipgEditions.tenantId, tenantId), eq(ipgEditions.id, e.id)));
    },

    async events(range: { from?: Date; to?: Date; own?: boolean } = {}): Promise<NetworkEvent[]> {
      const rows = await db
        .select()
        .from(lifeEvents)
        .where(
          and(
            eq(lifeEvents.tenantId, tenantId),
            range.from === undefined ? undefined : gte(lifeEvents.startsAt, range.from),
            range.to === undefined ? undefined : lt(lifeEvents.startsAt, range.to),
            range.own === undefined ? undefined : eq(lifeEvents.own, range.own ? 1 : 0),
          ),
        )
        .orderBy(asc(lifeEvents.startsAt));
      return rows.map(eventOf);
    },
    async event(id: string): Promise<NetworkEvent | undefined> {
      const [row] = await db
        .select()
        .from(lifeEvents)
        .where(and(eq(lifeEvents.tenantId, tenantId), eq(lifeEvents.id, id)));
      return row === undefined ? undefined : eventOf(row);
    },
    /** The event, its row locked until the transaction ends (registrations counted one at a time). */
    async lockEvent(id: string): Promise<NetworkEvent | undefined> {
      const [row] = await db
        .select()
        .from(lifeEvents)
        .where(and(eq(lifeEvents.tenantId, tenantId), eq(lifeEvents.id, id)))
        .for("update");
      return row === undefined ? undefined : eventOf(row);
    },
    async eventByUri(uri: string): Promise<NetworkEvent | undefined> {
      const [row] = await db
        .select()
        .from(lifeEvents)
        .where(and(eq(lifeEvents.tenantId, tenantId), eq(lifeEvents.uri, uri)));
      return row === undefined ? undefined : eventOf(row);
    },
    async eventOfEdition(editionId: string): Promise<NetworkEvent | undefined> {
      const [row] = await db
        .select()
        .from(lifeEvents)
        .where(and(eq(lifeEvents.tenantId, tenantId), eq(lifeEvents.editionId, editionId), eq(lifeEvents.kind, "ipg")));
      return row === undefined ? undefined : eventOf(row);
    },
    /** Inserts or replaces an event by its URI (a peer's newer version replaces the older). */
    async saveEvent(e: NetworkEvent): Promise<void> {
      const { id, own, ...rest } = e;
      const values = { ...rest, own: own ? 1 : 0 };
      await db
        .insert(lifeEvents)
        .values({ tenantId, id, ...values })
        .onConflictDoUpdate({ target: [lifeEvents.tenantId, lifeEvents.uri], set: values });
    },

    async registrations(eventId: string): Promise<{ personId: string; status: "accepted" | "waitlisted" }[]> {
      return db
        .select({ personId: lifeRegistrations.personId, status: lifeRegistrations.status })
        .from(lifeRegistrations)
        .where(and(eq(lifeRegistrations.tenantId, tenantId), eq(lifeRegistrations.eventId, eventId)))
        .orderBy(asc(lifeRegistrations.createdAt));
    },
    /** Registers a person once; answers the status kept (an existing registration stays as it was). */
    async register(eventId: string, personId: string, status: "accepted" | "waitlisted", now: Date) {
      const [row] = await db
        .insert(lifeRegistrations)
        .values({ tenantId, eventId, personId, status, createdAt: now })
        .onConflictDoUpdate({
          target: [lifeRegistrations.tenantId, lifeRegistrations.eventId, lifeRegistrations.personId],
          set: { status: sql`${lifeRegistrations.status}` },
        })
        .returning({ status: lifeRegistrations.status });
      return row?.status ?? status;
    },

    /** The places taken at one of this node's events: its accepted registrations, local and remote. */
    async placesTaken(eventId: string): Promise<number> {
      const [local] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(lifeRegistrations)
        .where(
          and(
            eq(lifeRegistrations.tenantId, tenantId),
            eq(lifeRegistrations.eventId, eventId),
            eq(lifeRegistrations.status, "accepted"),
          ),
        );
      const [remote] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(lifeRemoteRegistrations)
        .where(
          and(
            eq(lifeRemoteRegistrations.tenantId, tenantId),
            eq(lifeRemoteRegistrations.eventId, eventId),
            eq(lifeRemoteRegistrations.status, "accepted"),
          ),
        );
      return (local?.n ?? 0) + (remote?.n ?? 0);
    },
    async remoteRegistration(sender: string, registrationId: string) {
      const [row] = await db
        .select()
        .from(lifeRemoteRegistrations)
        .where(
          and(
            eq(lifeRemoteRegistrations.tenantId, tenantId),
            eq(lifeRemoteRegistrations.sender, sender),
            eq(lifeRemoteRegistrations.registrationId, registrationId),
          ),
        );
      return row;
    },
    async remoteRegistrations(eventId: string) {
      return db
        .select({
          participant: lifeRemoteRegistrations.participant,
          sender: lifeRemoteRegistrations.sender,
          status: lifeRemoteRegistrations.status,
        })
        .from(lifeRemoteRegistrations)
        .where(and(eq(lifeRemoteRegistrations.tenantId, tenantId), eq(lifeRemoteRegistrations.eventId, eventId)))
        .orderBy(asc(lifeRemoteRegistrations.createdAt));
    },
    async saveRemoteRegistration(r: {
      eventId: string;
      sender: string;
      registrationId: string;
      participant: string;
      status: "accepted" | "rejected";
      reason: JoinRejection | null;
      createdAt: Date;
    }): Promise<void> {
      await db
        .insert(lifeRemoteRegistrations)
        .values({ tenantId, ...r })
        .onConflictDoUpdate({
          target: [
            lifeRemoteRegistrations.tenantId,
            lifeRemoteRegistrations.sender,
            lifeRemoteRegistrations.registrationId,
          ],
          set: { participant: r.participant, status: r.status, reason: r.reason },
        });
    },

    /** A member's registration for another node's event, as this node keeps it. */
    async joinOf(eventId: string, personId: string) {
      const [row] = await db
        .select()
        .from(lifeEventJoins)
        .where(
          and(
            eq(lifeEventJoins.tenantId, tenantId),
            eq(lifeEventJoins.eventId, eventId),
            eq(lifeEventJoins.personId, personId),
          ),
        );
      return row;
    },
    async join(id: string) {
      const [row] = await db
        .select()
        .from(lifeEventJoins)
        .where(and(eq(lifeEventJoins.tenantId, tenantId), eq(lifeEventJoins.id, id)));
      return row;
    },
    async saveJoin(j: { id: string; eventId: string; personId: string; requestedAt: Date }): Promise<void> {
      const pending = { status: "pending" as const, reason: null, answeredAt: null, requestedAt: j.requestedAt };
      await db
        .insert(lifeEventJoins)
        .values({ tenantId, ...j, ...pending })
        .onConflictDoUpdate({
          target: [lifeEventJoins.tenantId, lifeEventJoins.eventId, lifeEventJoins.personId],
          set: { id: j.id, ...pending },
        });
    },
    async answerJoin(id: string, status: JoinStatus, reason: JoinRejection | null, at: Date): Promise<void> {
      await db
        .update(lifeEventJoins)
        .set({ status, reason, answeredAt: at })
        .where(and(eq(lifeEventJoins.tenantId, tenantId), eq(lifeEventJoins.id, id)));
    },

    async delegations(editionId?: string): Promise<(Delegation & { sender: string | null })[]> {
      const rows = await db
        .select()
        .from(ipgDelegations)
        .where(
          and(
            eq(ipgDelegations.tenantId, tenantId),
            editionId === undefined ? undefined : eq(ipgDelegations.editionId, editionId),
          ),
        )
        .orderBy(asc(ipgDelegations.registeredAt));
      return rows.map(delegationOf);
    },
    async delegation(id: string) {
      const [row] = await db
        .select()
        .from(ipgDelegations)
        .where(and(eq(ipgDelegations.tenantId, tenantId), eq(ipgDelegations.id, id)));
      return row === undefined ? undefined : delegationOf(row);
    },
    async delegationOfPlatform(editionId: string, countryCode: string) {
      const [row] = await db
        .select()
        .from(ipgDelegations)
        .where(
          and(
            eq(ipgDelegations.tenantId, tenantId),
            eq(ipgDelegations.editionId, editionId),
            eq(ipgDelegations.countryCode, countryCode),
          ),
        );
      return row === undefined ? undefined : delegationOf(row);
    },
    /** Saves a delegation (a new registration replaces the platform's previous one for the edition). */
    async saveDelegation(d: Delegation, sender: string | null): Promise<void> {
      const { id, ...rest } = d;
      await db
        .insert(ipgDelegations)
        .values({ tenantId, id, ...rest, sender })
        .onConflictDoUpdate({
          target: [ipgDelegations.tenantId, ipgDelegations.editionId, ipgDelegations.countryCode],
          set: { ...rest, id, sender },
        });
    },
    async answerDelegation(id: string, status: Delegation["status"], reason: string | null, at: Date) {
      await db
        .update(ipgDelegations)
        .set({ status, reason, decidedAt: at })
        .where(and(eq(ipgDelegations.tenantId, tenantId), eq(ipgDelegations.id, id)));
    },
  };
}
export type LifeRepo = ReturnType<typeof createLifeRepo>;

import type { CountryCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, desc, eq } from "drizzle-orm";
import type { BallotId } from "../domain/ids.ts";
import type { Delegation } from "../domain/proxies.ts";
import { ballotDelegations, type DelegationStatus } from "./schema.ts";

export type { DelegationStatus };

/** A delegation as a region signed it or the hub received it, and what became of it. */
export interface StoredDelegation {
  id: string;
  ballotId: BallotId;
  uri: string;
  platformId: CountryCode;
  holder: CountryCode | null;
  signedAt: Date;
  signed: Record<string, unknown>;
  personId: string | null;
  personName: string | null;
  actorUri: string | null;
  status: DelegationStatus;
  refusal: { kind: string } | null;
  receivedAt: Date | null;
}

type Row = typeof ballotDelegations.$inferSelect;

const toDelegation = (row: Row): StoredDelegation => ({
  id: row.id,
  ballotId: row.ballotId as BallotId,
  uri: row.uri,
  platformId: row.platformId as CountryCode,
  holder: row.holder as CountryCode | null,
  signedAt: row.signedAt,
  signed: row.signed,
  personId: row.personId,
  personName: row.personName,
  actorUri: row.actorUri,
  status: row.status,
  refusal: row.refusal,
  receivedAt: row.receivedAt,
});

/** The domain's view of a stored delegation. */
export const delegationOf = (stored: StoredDelegation): Delegation => ({
  id: stored.uri,
  platformId: stored.platformId,
  holder: stored.holder,
  signedAt: stored.signedAt,
});

export function createDelegationRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) =>
    and(eq(ballotDelegations.tenantId, tenantId), ...conditions);

  return {
    /** Records a delegation once: a second record of the same URI changes nothing and returns false. */
    async add(delegation: StoredDelegation, now: Date): Promise<boolean> {
      const rows = await db
        .insert(ballotDelegations)
        .values({ ...delegation, tenantId, updatedAt: now })
        .onConflictDoNothing({ target: [ballotDelegations.tenantId, ballotDelegations.uri] })
        .returning({ id: ballotDelegations.id });
      return rows.length > 0;
    },

    async findByUri(uri: string): Promise<StoredDelegation | undefined> {
      const [row] = await db
        .select()
        .from(ballotDelegations)
        .where(scoped(eq(ballotDelegations.uri, uri)));
      return row && toDelegation(row);
    },

    /** A ballot's delegations (of one platform, or all), the last signed first. */
    async list(ballotId: BallotId, platformId?: string): Promise<StoredDelegation[]> {
      const rows = await db
        .select()
        .from(ballotDelegations)
        .where(
          platformId === undefined
            ? scoped(eq(ballotDelegations.ballotId, ballotId))
            : scoped(eq(ballotDelegations.ballotId, ballotId), eq(ballotDelegations.platformId, platformId)),
        )
        .orderBy(desc(ballotDelegations.signedAt), desc(ballotDelegations.uri));
      return rows.map(toDelegation);
    },

    /** The delegations the hub accepted for a ballot, in the order they were signed. */
    async listAccepted(ballotId: BallotId): Promise<StoredDelegation[]> {
      const rows = await db
        .select()
        .from(ballotDelegations)
        .where(scoped(eq(ballotDelegations.ballotId, ballotId), eq(ballotDelegations.status, "accepted")))
        .orderBy(asc(ballotDelegations.signedAt), asc(ballotDelegations.uri));
      return rows.map(toDelegation);
    },

    /** The hub's receipt of a delegation a region sent: accepted, or refused and why. */
    async recordDecision(
      uri: string,
      decision: { status: "accepted" | "refused"; refusal: { kind: string } | null; at: Date },
    ): Promise<boolean> {
      const rows = await db
        .update(ballotDelegations)
        .set({ status: decision.status, refusal: decision.refusal, updatedAt: decision.at })
        .where(scoped(eq(ballotDelegations.uri, uri)))
        .returning({ id: ballotDelegations.id });
      return rows.length > 0;
    },
  };
}

export type DelegationRepo = ReturnType<typeof createDelegationRepo>;

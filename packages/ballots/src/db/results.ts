import type { RegionCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq } from "drizzle-orm";
import type { BallotId } from "../domain/ids.ts";
import type { ResultPayload } from "../wire.ts";
import { ballotAttestations, ballotResults } from "./schema.ts";

/** A ballot's published result, and (at a region) this region's verification of it. */
export interface StoredResult {
  ballotId: BallotId;
  uri: string;
  publication: ResultPayload;
  publishedAt: Date;
  verifiedAt: Date | null;
  agrees: boolean | null;
  problem: string | null;
}

export interface Attestation {
  regionCode: RegionCode;
  actorUri: string;
  activityUri: string;
  agrees: boolean;
  problem: string | null;
  /** A dispute's evidence: the region's own signed votes the result misses. */
  evidence: Record<string, unknown>[];
  receivedAt: Date;
}

export function createBallotResultRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(ballotResults.tenantId, tenantId), ...conditions);
  const scopedAttestations = (...conditions: Parameters<typeof and>) =>
    and(eq(ballotAttestations.tenantId, tenantId), ...conditions);

  return {
    /** Saves a result once; a second save of the same ballot's result keeps the first. */
    async save(result: Omit<StoredResult, "verifiedAt" | "agrees" | "problem">): Promise<boolean> {
      const rows = await db
        .insert(ballotResults)
        .values({ ...result, tenantId })
        .onConflictDoNothing({ target: ballotResults.ballotId })
        .returning({ id: ballotResults.ballotId });
      return rows.length > 0;
    },

    async find(ballotId: BallotId): Promise<StoredResult | undefined> {
      const [row] = await db
        .select()
        .from(ballotResults)
        .where(scoped(eq(ballotResults.ballotId, ballotId)));
      return (
        row && {
          ballotId: row.ballotId as BallotId,
          uri: row.uri,
          publication: row.publication,
          publishedAt: row.publishedAt,
          verifiedAt: row.verifiedAt,
          agrees: row.agrees,
          problem: row.problem,
        }
      );
    },

    async setVerification(ballotId: BallotId, agrees: boolean, problem: string | null, at: Date): Promise<void> {
      await db
        .update(ballotResults)
        .set({ agrees, problem, verifiedAt: at })
        .where(scoped(eq(ballotResults.ballotId, ballotId)));
    },

    /** A region's attestation; a later one from the same region replaces it. */
    async attest(ballotId: BallotId, attestation: Attestation & { id: string }): Promise<void> {
      await db
        .insert(ballotAttestations)
        .values({ ...attestation, tenantId, ballotId })
        .onConflictDoUpdate({
          target: [ballotAttestations.tenantId, ballotAttestations.ballotId, ballotAttestations.regionCode],
          set: {
            actorUri: attestation.actorUri,
            activityUri: attestation.activityUri,
            agrees: attestation.agrees,
            problem: attestation.problem,
            evidence: attestation.evidence,
            receivedAt: attestation.receivedAt,
          },
        });
    },

    async attestations(ballotId: BallotId): Promise<Attestation[]> {
      const rows = await db
        .select()
        .from(ballotAttestations)
        .where(scopedAttestations(eq(ballotAttestations.ballotId, ballotId)))
        .orderBy(asc(ballotAttestations.regionCode));
      return rows.map((row) => ({
        regionCode: row.regionCode,
        actorUri: row.actorUri,
        activityUri: row.activityUri,
        agrees: row.agrees,
        problem: row.problem,
        evidence: row.evidence,
        receivedAt: row.receivedAt,
      }));
    },
  };
}

export type BallotResultRepo = ReturnType<typeof createBallotResultRepo>;

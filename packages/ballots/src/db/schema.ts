import type { LocalizedText, RegionCode } from "@dynamo/core";
import { at, tenantId } from "@dynamo/db/schema";
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ElectorateMember } from "../domain/ballot.ts";
import type { BallotRules } from "../domain/rules.ts";
import type { CastBy, VoteChoice, VoteRefusal } from "../domain/vote.ts";
import type { ResultPayload } from "../wire.ts";

export type BallotRole = "issued" | "received";

/** A platform's vote held by another platform of the electorate (country codes). */
export interface BallotMandate {
  platformId: string;
  holder: string;
}
export type BallotStatus = "draft" | "open" | "cancelled" | "closed";

/** The hub's reception of a ballot (domain/reception.ts), as stored: moments as ISO strings. */
export interface StoredReception {
  downtime: { from: string; to: string }[];
  downtimeMs: number;
  collectingSince: string | null;
  asked: RegionCode[];
  answers: { regionCode: RegionCode; at: string; votes: number }[];
}

/**
 * IPG ballots. The hub's tenant issues them (role `issued`: drafted, opened, cancelled, closed
 * by its tally); a region's tenant keeps the copy the hub sent it (role `received`), keyed by
 * the Question's URI. The electorate is frozen when the ballot opens.
 */
export const ballots = pgTable(
  "ballots",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    role: text("role").$type<BallotRole>().notNull(),
    uri: text("uri").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    rules: jsonb("rules").$type<BallotRules>().notNull(),
    opensAt: at("opens_at").notNull(),
    closesAt: at("closes_at").notNull(),
    graceMs: integer("grace_ms").notNull(),
    /** How much longer than close + grace votes are received (the hub's downtime, the regions' answers). */
    extensionMs: integer("extension_ms").notNull().default(0),
    /** At the hub: its downtime near the close and the regions asked before counting. */
    reception: jsonb("reception").$type<StoredReception>(),
    status: text("status").$type<BallotStatus>().notNull(),
    electorate: jsonb("electorate").$type<ElectorateMember[]>(),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    openedAt: at("opened_at"),
    cancelledAt: at("cancelled_at"),
    closedAt: at("closed_at"),
    /** A region's copy: the mandates in force, as the hub last announced them (holder by platform). */
    mandates: jsonb("mandates").$type<BallotMandate[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex("ballots_tenant_uri_key").on(t.tenantId, t.uri),
    index("ballots_due_idx").on(t.status, t.closesAt),
    check("ballots_role_check", sql`${t.role} in ('issued', 'received')`),
    check("ballots_status_check", sql`${t.status} in ('draft', 'open', 'cancelled', 'closed')`),
  ],
);

export type ReceivedVoteOutcome = "accepted" | "refused";

/**
 * Votes as the hub received them: the signed activity as it came (null for a vote recorded in
 * the room by the secretariat, who is named), the vote in domain terms, and whether it was
 * accepted or refused (and why). The receipt is a hash of the vote and a nonce sent back to the
 * voter only.
 */
export const receivedVotes = pgTable(
  "ballot_received_votes",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    voteUri: text("vote_uri").notNull(),
    actorUri: text("actor_uri"),
    platformId: text("platform_id").notNull(),
    regionCode: text("region_code").$type<RegionCode>(),
    choice: jsonb("choice").$type<VoteChoice>().notNull(),
    castBy: jsonb("cast_by").$type<CastBy>().notNull(),
    signedAt: at("signed_at").notNull(),
    receivedAt: at("received_at").notNull(),
    signedActivity: jsonb("signed_activity").$type<Record<string, unknown>>(),
    inRoom: boolean("in_room").notNull().default(false),
    recordedBy: uuid("recorded_by"),
    recordedByName: text("recorded_by_name"),
    outcome: text("outcome").$type<ReceivedVoteOutcome>().notNull(),
    refusal: jsonb("refusal").$type<VoteRefusal | { kind: string }>(),
    receiptNonce: text("receipt_nonce"),
    receipt: text("receipt"),
    /** For a vote cast by proxy: the signed delegation that gave its holder the mandate. */
    mandate: jsonb("mandate").$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("ballot_received_votes_uri_key").on(t.tenantId, t.voteUri),
    index("ballot_received_votes_ballot_idx").on(t.tenantId, t.ballotId, t.receivedAt),
    check("ballot_received_votes_outcome_check", sql`${t.outcome} in ('accepted', 'refused')`),
  ],
);

/** "not-counted": still queued when the result came (delivered too late). */
export type CastVoteStatus = "queued" | "delivered" | "counted" | "not-counted" | "refused";

/**
 * Votes cast at a region, one row per casting: who cast it for which platform, the activity
 * that carries it, and what became of it (queued until the hub's receipt says delivered or
 * refused; counted once the result includes it).
 */
export const castVotes = pgTable(
  "ballot_cast_votes",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    platformId: uuid("platform_id").notNull(),
    /** A vote cast by proxy: the country code of the platform it is cast for (null: the platform's own). */
    proxyFor: text("proxy_for"),
    personId: uuid("person_id"),
    personName: text("person_name"),
    choice: jsonb("choice").$type<VoteChoice>().notNull(),
    castBy: jsonb("cast_by").$type<CastBy>().notNull(),
    activityUri: text("activity_uri").notNull(),
    signedAt: at("signed_at").notNull(),
    /** The vote as its platform's actor signed it: sent again when the hub asks, shown as evidence in a dispute. */
    signed: jsonb("signed").$type<Record<string, unknown>>(),
    status: text("status").$type<CastVoteStatus>().notNull(),
    refusal: jsonb("refusal").$type<{ kind: string }>(),
    receipt: text("receipt"),
    receiptNonce: text("receipt_nonce"),
    receiptReceivedAt: at("receipt_received_at"),
    hubReceivedAt: at("hub_received_at"),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("ballot_cast_votes_activity_key").on(t.tenantId, t.activityUri),
    index("ballot_cast_votes_ballot_idx").on(t.tenantId, t.ballotId, t.platformId, t.signedAt),
    check("ballot_cast_votes_status_check", sql`${t.status} in ('queued', 'delivered', 'counted', 'refused')`),
  ],
);

export type DelegationStatus = "queued" | "accepted" | "refused";

/**
 * Delegations of a platform's vote to a proxy holder (`holder` null: withdrawn). At a region, the
 * ones its platforms signed, queued until the hub's receipt says accepted or refused; at the hub,
 * the ones it received, with the signed document and its decision.
 */
export const ballotDelegations = pgTable(
  "ballot_delegations",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    uri: text("uri").notNull(),
    platformId: text("platform_id").notNull(),
    holder: text("holder"),
    signedAt: at("signed_at").notNull(),
    signed: jsonb("signed").$type<Record<string, unknown>>().notNull(),
    personId: uuid("person_id"),
    personName: text("person_name"),
    actorUri: text("actor_uri"),
    status: text("status").$type<DelegationStatus>().notNull(),
    refusal: jsonb("refusal").$type<{ kind: string }>(),
    receivedAt: at("received_at"),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("ballot_delegations_uri_key").on(t.tenantId, t.uri),
    index("ballot_delegations_ballot_idx").on(t.tenantId, t.ballotId, t.platformId, t.signedAt),
    check("ballot_delegations_status_check", sql`${t.status} in ('queued', 'accepted', 'refused')`),
  ],
);

/**
 * A ballot's published result: at the hub, what it counted and published; at a region, what the
 * hub published and this region's own recomputation (agrees, or the problem found).
 */
export const ballotResults = pgTable("ballot_results", {
  ballotId: uuid("ballot_id")
    .primaryKey()
    .references(() => ballots.id, { onDelete: "cascade" }),
  tenantId: tenantId(),
  uri: text("uri").notNull(),
  publication: jsonb("publication").$type<ResultPayload>().notNull(),
  publishedAt: at("published_at").notNull(),
  verifiedAt: at("verified_at"),
  agrees: boolean("agrees"),
  problem: text("problem"),
});

/** At the hub: each region's signed attestation of a result (the last one a region sent). */
export const ballotAttestations = pgTable(
  "ballot_attestations",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    regionCode: text("region_code").$type<RegionCode>().notNull(),
    actorUri: text("actor_uri").notNull(),
    activityUri: text("activity_uri").notNull(),
    agrees: boolean("agrees").notNull(),
    problem: text("problem"),
    /** A dispute's evidence: the region's own signed votes missing from the result. */
    evidence: jsonb("evidence").$type<Record<string, unknown>[]>().notNull().default([]),
    receivedAt: at("received_at").notNull(),
  },
  (t) => [uniqueIndex("ballot_attestations_region_key").on(t.tenantId, t.ballotId, t.regionCode)],
);

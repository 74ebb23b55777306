import { LOCALES, REGION_CODES } from "@dynamo/core";
import { defineDocumentType } from "@dynamo/federation";
import { z } from "@hono/zod-openapi";
import type { Reception } from "./domain/reception.ts";

/**
 * Our own terms inside the ballot messages (see federation's ballots wire: one JSON document
 * attached to each activity). Checked with zod on arrival, before anything is stored.
 */
export const LocalizedSchema = z.partialRecord(z.enum(LOCALES), z.string().max(20_000));
const Fraction = z.object({ numerator: z.number().int().min(0), denominator: z.number().int().min(1) });
const Comparison = z.enum(["at-least", "more-than"]);
const Counting = z.enum(["excluded", "counted-as-cast"]);

export const RulesSchema = z.object({
  options: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("yes-no") }),
    z.object({
      kind: z.literal("custom"),
      options: z
        .array(z.object({ id: z.string().min(1).max(64), label: LocalizedSchema }))
        .min(2)
        .max(50),
      choice: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("single") }),
        z.object({ kind: z.literal("multiple"), maxChoices: z.number().int().min(1).max(50) }),
      ]),
    }),
  ]),
  majority: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("simple") }),
    z.object({ kind: z.literal("absolute") }),
    z.object({
      kind: z.literal("qualified"),
      share: Fraction,
      base: z.enum(["cast", "electorate"]),
      comparison: Comparison,
    }),
  ]),
  abstentions: Counting,
  blanks: Counting,
  quorum: Fraction.nullable(),
  maxProxiesPerHolder: z.number().int().min(0).max(100),
  substitutesAllowed: z.boolean(),
  secrecy: z.enum(["roll-call", "secret"]),
});

export const ElectorateSchema = z.array(
  z.object({ platformId: z.string().min(1).max(100), regionCode: z.enum(REGION_CODES) }),
);

export const ChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("options"), optionIds: z.array(z.string().min(1).max(64)).max(50).readonly() }),
  z.object({ kind: z.literal("abstain") }),
  z.object({ kind: z.literal("blank") }),
]);

export const CastBySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("representative") }),
  z.object({ kind: z.literal("substitute") }),
  z.object({ kind: z.literal("proxy"), holder: z.string().min(1).max(100) }),
]);

const Iso = z.string().datetime({ offset: true });

/** The ballot as the hub describes it to the regions (attached to the Question). */
export const BallotTermsSchema = z.object({
  kind: z.literal("dynamo-ballot/1"),
  title: LocalizedSchema,
  description: LocalizedSchema,
  rules: RulesSchema,
  opensAt: Iso,
  closesAt: Iso,
  graceMs: z.number().int().min(0),
  /** How much longer the hub receives votes (its own downtime near the close): the deadline the regions show. */
  extensionMs: z.number().int().min(0).default(0),
  status: z.enum(["open", "cancelled", "closed"]),
  cancelReason: z.string().max(2000).nullable(),
  electorate: ElectorateSchema,
  /** The mandates in force: which platform holds which platform's vote by proxy. */
  mandates: z
    .array(z.object({ platformId: z.string().min(1).max(100), holder: z.string().min(1).max(100) }))
    .max(10_000)
    .default([]),
});
export type BallotTerms = z.infer<typeof BallotTermsSchema>;

export const VOTE_CONTEXT = "https://dynamo.network/ns/ballots/v1";

/**
 * A vote as its platform's actor signs it when it is cast (attached to the Note, whose name
 * repeats the choice for other servers): the document and its Data Integrity proof.
 */
export const VotePayloadSchema = z.object({
  "@context": z.literal(VOTE_CONTEXT),
  kind: z.literal("dynamo-vote/1"),
  id: z.string().url(),
  actor: z.string().url(),
  ballot: z.string().url(),
  platformId: z.string().min(1).max(100),
  choice: ChoiceSchema,
  castBy: CastBySchema,
  signedAt: z.string().datetime({ offset: true }),
  proof: z.object({ type: z.literal("DataIntegrityProof") }).passthrough(),
});
export type VotePayload = z.infer<typeof VotePayloadSchema>;

/**
 * A platform's delegation of its vote to a proxy holder (null: withdrawn), as its actor signs it
 * at its region: the document and its Data Integrity proof. The hub publishes it with the votes
 * its holder casts, so every region can check the mandate.
 */
export const DelegationPayloadSchema = z.object({
  "@context": z.literal(VOTE_CONTEXT),
  kind: z.literal("dynamo-proxy/1"),
  id: z.string().url(),
  actor: z.string().url(),
  ballot: z.string().url(),
  platformId: z.string().min(1).max(100),
  holder: z.string().min(1).max(100).nullable(),
  signedAt: z.string().datetime({ offset: true }),
  proof: z.object({ type: z.literal("DataIntegrityProof") }).passthrough(),
});
export type DelegationPayload = z.infer<typeof DelegationPayloadSchema>;

/** The hub's signed receipt of a vote: counted towards the ballot (with its receipt hash) or refused, and why. */
export const ReceiptPayloadSchema = z.object({
  kind: z.literal("dynamo-receipt/1"),
  ballot: z.string().url(),
  vote: z.string().url(),
  accepted: z.boolean(),
  refusal: z
    .object({ kind: z.string().max(64) })
    .passthrough()
    .nullable(),
  receivedAt: Iso,
  receipt: z.string().max(128).nullable(),
  nonce: z.string().max(128).nullable(),
});
export type ReceiptPayload = z.infer<typeof ReceiptPayloadSchema>;

const CountSchema = z.object({ optionId: z.string(), votes: z.number().int().min(0) });

/** One accepted vote as the result publishes it: its signed activity, or the secretariat's in-room record. */
export const PublishedVoteSchema = z.object({
  id: z.string().min(1),
  platformId: z.string().min(1),
  receivedAt: Iso,
  signed: z.record(z.string(), z.unknown()).nullable(),
  /** A vote cast by proxy: the signed delegation that gave its holder the mandate. */
  mandate: z.record(z.string(), z.unknown()).nullable().default(null),
  inRoom: z
    .object({
      choice: ChoiceSchema,
      castBy: CastBySchema,
      signedAt: Iso,
      recordedBy: z.string().max(200),
    })
    .nullable(),
});
export type PublishedVote = z.infer<typeof PublishedVoteSchema>;

/** How the hub received a ballot's votes: its own downtime near the close, and the regions it asked before counting. */
export const ReceptionSchema = z.object({
  downtime: z.array(z.object({ from: Iso, to: Iso })).max(1000),
  downtimeMs: z.number().int().min(0),
  collectingSince: Iso.nullable(),
  asked: z.array(z.enum(REGION_CODES)),
  answers: z.array(z.object({ regionCode: z.enum(REGION_CODES), at: Iso, votes: z.number().int().min(0) })),
});
export type ReceptionPayload = z.infer<typeof ReceptionSchema>;

/** The hub's reception as the result and the API write it: its moments as ISO strings. */
export const receptionPayload = (reception: Reception): ReceptionPayload => ({
  downtime: reception.downtime.map((o) => ({ from: o.from.toISOString(), to: o.to.toISOString() })),
  downtimeMs: reception.downtimeMs,
  collectingSince: reception.collectingSince?.toISOString() ?? null,
  asked: reception.asked,
  answers: reception.answers.map((a) => ({ ...a, at: a.at.toISOString() })),
});

/** The result the hub publishes at the close (attached to the closed Question). */
export const ResultPayloadSchema = z.object({
  kind: z.literal("dynamo-result/1"),
  ballot: z.string().url(),
  ballotId: z.string(),
  electorate: ElectorateSchema,
  /** The trusted regions' actors: a vote's actor must live at its region's origin. */
  regions: z.array(z.object({ regionCode: z.enum(REGION_CODES), actorId: z.string().url() })),
  counts: z.array(CountSchema),
  electorateSize: z.number().int().min(0),
  votesCounted: z.number().int().min(0),
  abstentions: z.number().int().min(0),
  blanks: z.number().int().min(0),
  cast: z.number().int().min(0),
  quorumReached: z.boolean(),
  majorityReached: z.boolean(),
  outcome: z.enum(["adopted", "rejected", "no-quorum"]),
  adopted: z.array(z.string()),
  /** Roll-call: every accepted vote and the head of their chain. */
  votes: z.array(PublishedVoteSchema).nullable(),
  chainHead: z.string().nullable(),
  /** Secret: the counted votes' receipts, sorted, and their digest. */
  receipts: z.array(z.string()).nullable(),
  receiptsDigest: z.string().nullable(),
  /** Votes were received until closesAt + grace + this: the hub's downtime, then the regions' answers. */
  extensionMs: z.number().int().min(0).default(0),
  reception: ReceptionSchema.nullable().default(null),
});
export type ResultPayload = z.infer<typeof ResultPayloadSchema>;

/** A region's attestation of a result: it recomputed it and agrees, or names the problem. */
export const AttestationPayloadSchema = z.object({
  kind: z.literal("dynamo-attestation/1"),
  ballot: z.string().url(),
  agrees: z.boolean(),
  problem: z.string().max(200).nullable(),
  chainHead: z.string().nullable(),
  receiptsDigest: z.string().nullable(),
  /** A dispute's evidence: the region's own signed votes, cast in time, that the result misses. */
  evidence: z.array(z.record(z.string(), z.unknown())).max(1000).default([]),
});
export type AttestationPayload = z.infer<typeof AttestationPayloadSchema>;

/**
 * The hub, before counting, asks each region of the electorate for what it still holds for a
 * ballot (votes it accepted in time whose receipt never came back): answered until `until`.
 */
export const HoldingsRequestPayloadSchema = z.object({
  kind: z.literal("dynamo-holdings-request/1"),
  ballot: z.string().url(),
  until: Iso,
});
export type HoldingsRequestPayload = z.infer<typeof HoldingsRequestPayloadSchema>;

/** A region's answer: the signed votes it still holds for the ballot (each with its own proof). */
export const HoldingsPayloadSchema = z.object({
  kind: z.literal("dynamo-holdings/1"),
  ballot: z.string().url(),
  votes: z.array(z.record(z.string(), z.unknown())).max(10_000),
});
export type HoldingsPayload = z.infer<typeof HoldingsPayloadSchema>;

/** What the Question carries: the ballot's terms and, once closed, its result. */
export const QuestionPayloadSchema = BallotTermsSchema.extend({ result: ResultPayloadSchema.nullable() });
export type QuestionPayload = z.infer<typeof QuestionPayloadSchema>;

/** The ballots' media type: every ballot message carries one document of it. */
export const BALLOT_MEDIA_TYPE = "application/vnd.dynamo.ballot+json";

/**
 * The ballots' signed document type, kind by kind: the hub's ballot (its terms and, once closed,
 * its result), a platform's vote and delegation (each with its own proof, made by the platform's
 * actor, kept and published with the result), the hub's receipt, a region's attestation, and
 * before counting the hub's question to each region and its answer (the votes it still holds).
 */
export const BallotDocuments = defineDocumentType({
  mediaType: BALLOT_MEDIA_TYPE,
  kindField: "kind",
  kinds: {
    "dynamo-ballot/1": { schema: QuestionPayloadSchema, signed: false },
    "dynamo-vote/1": { schema: VotePayloadSchema, signed: true },
    "dynamo-proxy/1": { schema: DelegationPayloadSchema, signed: true },
    "dynamo-receipt/1": { schema: ReceiptPayloadSchema, signed: false },
    "dynamo-attestation/1": { schema: AttestationPayloadSchema, signed: false },
    "dynamo-holdings-request/1": { schema: HoldingsRequestPayloadSchema, signed: false },
    "dynamo-holdings/1": { schema: HoldingsPayloadSchema, signed: false },
  },
});

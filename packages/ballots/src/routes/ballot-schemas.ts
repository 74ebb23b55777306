import { REGION_CODES } from "@dynamo/core";
import { z } from "@hono/zod-openapi";
import { BALLOT_PHASES, BALLOT_STATUSES } from "../domain/lifecycle.ts";
import {
  ChoiceSchema,
  ElectorateSchema,
  LocalizedSchema,
  ReceptionSchema,
  ResultPayloadSchema,
  RulesSchema,
} from "../wire.ts";
import { CastVoteSchema, DelegationSchema, instant, orNull } from "./api-schemas.ts";

const Region = z.enum(REGION_CODES);
const count = z.number().int().min(0);

const MandateSchema = z
  .object({
    platformId: z.string().openapi({ description: "The platform whose vote is held (country code)" }),
    holder: z.string().openapi({ description: "The platform that holds it (country code)" }),
  })
  .openapi("BallotMandate");

/** A ballot as both node kinds describe it: the hub's own, or the copy a region received. */
export const BallotSchema = z
  .object({
    id: z.string().uuid(),
    uri: z.string().url().openapi({ description: "The Question's URI: the ballot's name across the network" }),
    status: z.enum(BALLOT_STATUSES),
    phase: z.enum(BALLOT_PHASES).openapi({
      description: "Where the ballot stands now: scheduled, voting, grace and counting are moments of an open ballot",
    }),
    title: LocalizedSchema,
    titleText: z.string().openapi({ description: "The title in the reader's language (or the nearest one)" }),
    description: LocalizedSchema,
    rules: RulesSchema,
    opensAt: instant,
    closesAt: instant,
    graceMs: count,
    extensionMs: count.openapi({
      description: "How much longer the hub received votes: its own downtime near the close, then the regions' answers",
    }),
    reception: ReceptionSchema.nullable().openapi({
      description: "At the hub: its downtime and the regions it asked before counting; null at a region",
    }),
    electorate: ElectorateSchema.nullable().openapi({ description: "Frozen at the opening; null for a draft" }),
    cancelReason: z.string().nullable(),
    openedAt: instant.nullable(),
    closedAt: instant.nullable(),
  })
  .openapi("Ballot");
export type BallotJson = z.infer<typeof BallotSchema>;

export const BallotListSchema = z.object({ ballots: z.array(BallotSchema) }).openapi("BallotList");

/** A closed ballot's published result and, at a region, this region's recount of it. */
export const BallotResultSchema = z
  .object({
    publishedAt: instant,
    publication: ResultPayloadSchema.openapi("ResultPublication", {
      description:
        "The result as the hub signed and sent it: counts per option, abstentions and blanks, quorum and majority, outcome, the electorate, the roll call (votes with their mandates, chained) or the secret ballot's receipts, and how the votes were received",
    }),
    verification: z
      .object({ agrees: z.boolean(), problem: z.string().nullable(), verifiedAt: instant })
      .nullable()
      .openapi({
        description:
          "A region's recount of the result: it agrees, or names the problem (e.g. missing-vote:FR). Null until recounted, and always at the hub",
      }),
  })
  .openapi("BallotResult");
export type BallotResultJson = z.infer<typeof BallotResultSchema>;

/** What the hub shows of the regions' verification: who agreed, who disputed and with what evidence. */
const VerificationShape = {
  attestations: z.array(
    z
      .object({
        regionCode: Region,
        actorUri: z.string(),
        activityUri: z.string(),
        agrees: z.boolean(),
        problem: z.string().nullable(),
        evidence: z.array(z.record(z.string(), z.unknown())).openapi({
          description: "A dispute's evidence: the region's own signed votes that the result misses",
        }),
        receivedAt: instant,
      })
      .openapi("BallotAttestation"),
  ),
  verifiedBy: count.openapi({ description: "The regions that recounted the result and agree" }),
  disputedBy: count.openapi({ description: "The regions that dispute it" }),
  regions: count.openapi({ description: "The regions that should attest: those of the electorate" }),
  lateVotes: z.array(
    z
      .object({
        platformId: z.string(),
        regionCode: Region.nullable(),
        signedAt: instant,
        receivedAt: instant,
      })
      .openapi("LateVote", {
        description: "A vote that reached the hub after the reception deadline (never its choice)",
      }),
  ),
};
export type VerificationJson = z.infer<z.ZodObject<typeof VerificationShape>>;

/** The hub's ballot: live turnout per region (never choices before the close), its result and the regions' verification. */
export const HubBallotSchema = BallotSchema.extend({
  turnout: z.array(z.object({ regionCode: Region, voted: count, electorate: count })),
  mandates: z.array(MandateSchema),
  result: orNull(BallotResultSchema),
  ...VerificationShape,
}).openapi("HubBallot");

/** A region's ballot, as a person of a platform sees it: their platform's votes and delegations. */
export const RegionBallotSchema = BallotSchema.extend({
  votes: z.array(CastVoteSchema).openapi({ description: "Your platform's votes: its own, and those it cast by proxy" }),
  result: orNull(BallotResultSchema),
  platform: z.string().nullable().openapi({ description: "Your platform's country code, when you hold its seat" }),
  mandates: z.array(MandateSchema),
  delegations: z.array(DelegationSchema),
}).openapi("RegionBallot");

export const HubBallotResultSchema = BallotResultSchema.extend(VerificationShape).openapi("HubBallotResult");

export const ElectoratePreviewSchema = z
  .object({
    electorate: ElectorateSchema,
    conflicts: z.array(z.string()).openapi({ description: "Platforms two trusted regions both claim" }),
  })
  .openapi("ElectoratePreview");

export const InRoomVoteSchema = z
  .object({
    id: z
      .string()
      .url()
      .openapi({ description: "The vote's id as the result publishes it (a URI under the ballot's)" }),
    platformId: z.string(),
    choice: ChoiceSchema,
    inRoom: z.literal(true),
    recordedBy: z.string().nullable().openapi({ description: "The name of the secretariat member who recorded it" }),
    receivedAt: instant,
  })
  .openapi("InRoomVote");

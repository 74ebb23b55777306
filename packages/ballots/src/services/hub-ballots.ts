import { err, ok, type RegionCode, type Result } from "@dynamo/core";
import { createBallotRepo } from "../db/ballots.ts";
import { createReceivedVoteRepo } from "../db/received-votes.ts";
import { type Attestation, createBallotResultRepo, type StoredResult } from "../db/results.ts";
import type { BallotsContext } from "../deps.ts";
import { type ElectorateMember, freezeElectorate } from "../domain/ballot.ts";
import type { BallotId } from "../domain/ids.ts";
import {
  type BallotInput,
  type BallotRecord,
  checkDraft,
  cancelBallot as decideCancel,
  openBallot as decideOpen,
  rosterConflicts,
} from "../domain/lifecycle.ts";
import { auditBallot } from "./audit.ts";
import { type BallotError, lifecycleError } from "./errors.ts";
import { announcedMandates } from "./hub-proxies.ts";
import { ballotMessage } from "./messages.ts";

/** Who acts: a signed-in person of the hub. */
export interface Actor {
  personId: string;
  name: string;
}

const activityUri = (ballot: BallotRecord, kind: string, id: string) => `${ballot.uri}/activities/${kind}/${id}`;

/** The secretariat drafts a ballot: checked, saved as a draft; nothing is sent yet. */
export async function createBallot(
  ctx: BallotsContext,
  actor: Actor,
  input: BallotInput,
): Promise<Result<BallotRecord, BallotError>> {
  const checked = checkDraft(input);
  if (!checked.ok) return err(lifecycleError(checked.error));
  const id = ctx.newId() as BallotId;
  const uri = `${ctx.network.actorUri(ctx.tenant)}/ballots/${id}`;
  const record = await ctx.db.transaction(async (tx) => {
    const created = await createBallotRepo(tx, ctx.tenant.id).create({
      ...input,
      id,
      uri,
      role: "issued",
      status: "draft",
      electorate: null,
      createdAt: ctx.clock(),
      createdBy: actor.personId,
    });
    await auditBallot(ctx, tx, "ballots.draft", created);
    return created;
  });
  ctx.logger.info("ballot {ballotId} drafted by {personId}", { ballotId: id, personId: actor.personId });
  return ok(record);
}

/**
 * Opens a draft: its electorate is frozen as the active platforms of the trusted regions, and
 * the Question goes to every trusted region (through the outbox, after commit).
 */
export async function openBallot(
  ctx: BallotsContext,
  actor: Actor,
  ballotId: string,
): Promise<Result<BallotRecord, BallotError>> {
  const network = ctx.network;
  const result = await ctx.db.transaction(async (tx): Promise<Result<BallotRecord, BallotError>> => {
    const ballots = createBallotRepo(tx, ctx.tenant.id);
    const ballot = await ballots.lock(ballotId);
    if (ballot === undefined || ballot.role !== "issued") return err({ kind: "not-found" });
    const regions = await network.trustedRegions(tx, ctx.tenant);
    // A hub that peers with no region has nobody to send the ballot to.
    if (regions.length === 0) return err({ kind: "not-peered" });
    const roster = await network.roster(tx, ctx.tenant);
    const now = ctx.clock();
    const decided = decideOpen(
      ballot,
      roster,
      regions.map((r) => r.regionCode),
      now,
    );
    if (!decided.ok) return err(lifecycleError(decided.error));
    await ballots.open(ballot.id, decided.value, now);
    await auditBallot(ctx, tx, "ballots.open", ballot, { electorate: decided.value.length });
    const opened: BallotRecord = { ...ballot, status: "open", electorate: decided.value, openedAt: now };
    await network.enqueue(
      tx,
      ctx.tenant,
      "tenant",
      regions,
      ballotMessage(ctx.tenant, opened, {
        verb: "create",
        activityId: activityUri(opened, "create", ctx.newId()),
        at: now,
      }),
      true,
    );
    return ok(opened);
  });
  if (result.ok) {
    network.wake();
    ctx.logger.info("ballot {ballotId} opened by {personId} with {size} platforms", {
      ballotId,
      personId: actor.personId,
      size: result.value.electorate?.length,
    });
  }
  return result;
}

/** Cancels a draft or an open ballot, with a reason; regions are told when it was open. */
export async function cancelBallot(
  ctx: BallotsContext,
  actor: Actor,
  ballotId: string,
  reason: string,
): Promise<Result<BallotRecord, BallotError>> {
  const network = ctx.network;
  let announce = false;
  const result = await ctx.db.transaction(async (tx): Promise<Result<BallotRecord, BallotError>> => {
    const ballots = createBallotRepo(tx, ctx.tenant.id);
    const ballot = await ballots.lock(ballotId);
    if (ballot === undefined || ballot.role !== "issued") return err({ kind: "not-found" });
    const decided = decideCancel(ballot, reason);
    if (!decided.ok) return err(lifecycleError(decided.error));
    const now = ctx.clock();
    await ballots.cancel(ballot.id, decided.value, now);
    await auditBallot(ctx, tx, "ballots.cancel", ballot, { reason: decided.value });
    const cancelled: BallotRecord = { ...ballot, status: "cancelled", cancelReason: decided.value, cancelledAt: now };
    if (ballot.status === "open") {
      announce = true;
      await network.enqueue(
        tx,
        ctx.tenant,
        "tenant",
        await network.trustedRegions(tx, ctx.tenant),
        ballotMessage(ctx.tenant, cancelled, {
          verb: "update",
          activityId: activityUri(cancelled, "cancel", ctx.newId()),
          at: now,
          mandates: await announcedMandates(tx, ctx, cancelled.id),
        }),
        true,
      );
    }
    return ok(cancelled);
  });
  if (result.ok) {
    if (announce) network.wake();
    ctx.logger.info("ballot {ballotId} cancelled by {personId}", { ballotId, personId: actor.personId });
  }
  return result;
}

/**
 * Who would vote if a ballot opened now: the active platforms of the trusted regions, as their
 * rosters last said (what opening freezes), and the platforms two regions both claim.
 */
export async function previewElectorate(
  ctx: BallotsContext,
): Promise<Result<{ electorate: ElectorateMember[]; conflicts: string[] }, BallotError>> {
  const network = ctx.network;
  const regions = (await network.trustedRegions(ctx.db, ctx.tenant)).map((r) => r.regionCode);
  const roster = await network.roster(ctx.db, ctx.tenant);
  return ok({ electorate: freezeElectorate(roster, regions), conflicts: rosterConflicts(roster, regions) });
}

export async function listBallots(ctx: BallotsContext, options: { includeDrafts: boolean }): Promise<BallotRecord[]> {
  return createBallotRepo(ctx.db, ctx.tenant.id).list(options);
}

/** What the hub shows of a ballot: live turnout per region (never choices before the close), the result and its verification. */
export interface HubBallotView {
  ballot: BallotRecord;
  turnout: { regionCode: RegionCode; voted: number; electorate: number }[];
  result: StoredResult | undefined;
  attestations: Attestation[];
  /** The votes refused because they arrived after the reception deadline: for the secretariat. */
  lateVotes: LateVote[];
  /** The regions that should attest: those of the electorate. */
  regions: RegionCode[];
  /** The mandates in force: which platform holds which platform's vote. */
  mandates: { platformId: string; holder: string }[];
}

/** A vote that reached the hub too late: who, from where, signed and received when (never its choice). */
export interface LateVote {
  platformId: string;
  regionCode: RegionCode | null;
  signedAt: Date;
  receivedAt: Date;
}

export async function getHubBallot(ctx: BallotsContext, ballotId: string): Promise<HubBallotView | undefined> {
  const ballot = await createBallotRepo(ctx.db, ctx.tenant.id).findById(ballotId);
  if (ballot === undefined || ballot.role !== "issued") return undefined;
  const received = createReceivedVoteRepo(ctx.db, ctx.tenant.id);
  const counts = await received.turnoutByRegion(ballot.id);
  const regions = [...new Set((ballot.electorate ?? []).map((m) => m.regionCode))].sort();
  const turnout = regions.map((regionCode) => ({
    regionCode,
    voted: counts.find((c) => c.regionCode === regionCode)?.platforms ?? 0,
    electorate: (ballot.electorate ?? []).filter((m) => m.regionCode === regionCode).length,
  }));
  const results = createBallotResultRepo(ctx.db, ctx.tenant.id);
  return {
    ballot,
    turnout,
    result: await results.find(ballot.id),
    attestations: await results.attestations(ballot.id),
    lateVotes: (await received.list(ballot.id))
      .filter((v) => v.outcome === "refused" && v.refusal?.kind === "received-after-grace")
      .map((v) => ({
        platformId: v.vote.platformId,
        regionCode: v.regionCode,
        signedAt: v.vote.signedAt,
        receivedAt: v.vote.receivedAt,
      })),
    regions,
    mandates: await announcedMandates(ctx.db, ctx, ballot.id),
  };
}

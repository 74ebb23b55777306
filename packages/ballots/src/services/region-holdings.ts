import type { Handled } from "@dynamo/federation";
import { createBallotRepo } from "../db/ballots.ts";
import { createCastVoteRepo } from "../db/cast-votes.ts";
import type { BallotsContext } from "../deps.ts";
import type { Received } from "../network.ts";
import type { HoldingsRequestPayload } from "../wire.ts";
import { holdingsMessage } from "./messages.ts";

/**
 * The hub asks, before counting, for what this region still holds for a ballot: every vote it
 * signed before the close whose receipt never came back goes with the answer (each with its own
 * proof), retried every few seconds until the hub's `until`. An unknown ballot gets an empty
 * answer, so the hub need not wait for us.
 */
export async function answerHoldingsRequest(
  ctx: BallotsContext,
  message: Received<HoldingsRequestPayload>,
): Promise<Handled> {
  const hub = await ctx.network.hub(ctx.db, ctx.tenant);
  if (hub === undefined || hub.actorId !== message.envelope.actorId)
    return { refused: "not-our-hub", detail: "the question before counting comes from the region's hub only" };
  const request = message.document;
  const ballot = await createBallotRepo(ctx.db, ctx.tenant.id).findByUri(request.ballot);
  const held =
    ballot === undefined || ballot.role !== "received"
      ? []
      : (await createCastVoteRepo(ctx.db, ctx.tenant.id).list(ballot.id)).filter(
          (vote) => vote.status === "queued" && vote.signed !== null && vote.signedAt < ballot.closesAt,
        );
  const now = ctx.clock();
  await ctx.network.enqueue(
    ctx.db,
    ctx.tenant,
    "tenant",
    [hub],
    {
      ...holdingsMessage({
        activityId: `${ctx.network.actorUri(ctx.tenant)}/holdings/${ctx.newId()}`,
        at: now,
        payload: {
          kind: "dynamo-holdings/1",
          ballot: request.ballot,
          votes: held.flatMap((vote) => (vote.signed === null ? [] : [vote.signed])),
        },
      }),
      urgentUntil: new Date(request.until),
    },
    false,
  );
  ctx.network.wake();
  ctx.logger.info("the hub asked what we still hold for ballot {ballot}: {count} votes sent again", {
    ballot: request.ballot,
    count: held.length,
  });
  return undefined;
}

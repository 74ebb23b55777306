import type { Person, Result } from "@dynamo/core";
import type { Db, Tx } from "@dynamo/db";
import type { Handled, InboundContext, ReceivedMessage } from "@dynamo/federation";
import { createLifeRepo } from "../db/repos.ts";
import type { LifeContext } from "../deps.ts";
import { answerJoin, type JoinRejection } from "../domain/registration.ts";
import { type EventJoinAnswerMessage, type EventJoinMessage, LIFE_CONTEXT, LIFE_MEDIA_TYPE } from "../wire/messages.ts";
import type { LifeError } from "./errors.ts";

/** Where a member's registration stands: at this node's own event, or at another node's (its answer pending until it comes). */
export interface Registration {
  status: "accepted" | "waitlisted" | "pending" | "rejected";
  reason: JoinRejection | null;
}

const originOf = (uri: string) => new URL(uri).origin;
const refuse = (refused: string, detail?: string): Handled => ({
  refused,
  ...(detail === undefined ? {} : { detail }),
});

/**
 * A person registers for an event. One of this node's own: accepted while places remain,
 * waitlisted after. Another node's (a region's, or the hub's IPG): kept pending here and sent as a
 * Join, signed by this node, to the organizer through the outbox (kept until the organizer is
 * reachable), which answers Accept or Reject. Asking again answers what is kept; after a
 * rejection, asking again sends a new Join.
 */
export async function registerForEvent(
  ctx: LifeContext,
  person: Person,
  eventId: string,
): Promise<Result<Registration, LifeError>> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const found = await repo.event(eventId);
  if (found === undefined) return { ok: false, error: { kind: "not-found" } };
  if (found.status === "cancelled")
    return { ok: false, error: { kind: "invalid", problems: [{ field: "event", code: "cancelled" }] } };
  if (found.own) return registerLocally(ctx, person, eventId);

  const kept = await repo.joinOf(eventId, person.id);
  if (kept !== undefined && kept.status !== "rejected")
    return { ok: true, value: { status: kept.status, reason: null } };
  const organizer = (await ctx.exchange.peers(ctx.db, ctx.tenant)).find((p) => p.actorId === found.organizer);
  if (organizer === undefined) return { ok: false, error: { kind: "organizer-not-peered" } };
  const now = ctx.clock();
  const registrationId = ctx.newId();
  const actor = ctx.exchange.actorUri(ctx.tenant);
  const id = `${actor}/life/joins/${registrationId}`;
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  const document = await sign(
    {
      "@context": LIFE_CONTEXT,
      type: "EventJoin",
      id,
      actor,
      event: found.uri,
      registration: { id: registrationId, participant: person.displayName, requestedAt: now.toISOString() },
    },
    now,
  );
  await ctx.db.transaction(async (tx) => {
    await createLifeRepo(tx, ctx.tenant.id).saveJoin({
      id: registrationId,
      eventId,
      personId: person.id,
      requestedAt: now,
    });
    await ctx.exchange.send(tx, ctx.tenant, {
      mediaType: LIFE_MEDIA_TYPE,
      document,
      activityId: `${actor}/activities/life/${ctx.newId()}`,
      objectId: id,
      verb: "create",
      published: now,
      display: { as: "note", name: `Join: ${found.name}`, about: found.uri },
      from: "tenant",
      to: [organizer],
      listed: false,
    });
  });
  ctx.exchange.wake();
  return { ok: true, value: { status: "pending", reason: null } };
}

async function registerLocally(
  ctx: LifeContext,
  person: Person,
  eventId: string,
): Promise<Result<Registration, LifeError>> {
  return ctx.db.transaction(async (tx) => {
    const repo = createLifeRepo(tx, ctx.tenant.id);
    const event = await repo.lockEvent(eventId);
    if (event === undefined) return { ok: false, error: { kind: "not-found" } };
    const already = (await repo.registrations(eventId)).find((r) => r.personId === person.id);
    if (already !== undefined) return { ok: true, value: { status: already.status, reason: null } };
    const taken = await repo.placesTaken(eventId);
    const status = event.capacity === null || taken < event.capacity ? "accepted" : "waitlisted";
    return { ok: true, value: { status: await repo.register(eventId, person.id, status, ctx.clock()), reason: null } };
  });
}

/** A member's registration for another node's event as this node knows it (undefined: none). */
export async function registrationOf(
  ctx: Pick<LifeContext, "db" | "tenant">,
  eventId: string,
  personId: string,
): Promise<Registration | undefined> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const local = (await repo.registrations(eventId)).find((r) => r.personId === personId);
  if (local !== undefined) return { status: local.status, reason: null };
  const join = await repo.joinOf(eventId, personId);
  return join === undefined ? undefined : { status: join.status, reason: join.reason ?? null };
}

/**
 * A Join at the organizer's node, applied by the inbound worker (the answer is signed with this
 * node's key, loaded before the transaction). Only a peer node's own actor registers its members,
 * for a Join of its own origin; then it is always answered: Accept, or Reject when the event is
 * unknown here, closed or full.
 */
export async function receiveJoin(
  ctx: InboundContext<Db>,
  message: ReceivedMessage<EventJoinMessage>,
): Promise<Handled> {
  const { document } = message;
  if (document.actor !== ctx.peer.actorId)
    return refuse("not-the-node", `${document.actor} is not the node ${ctx.peer.actorId}`);
  if (originOf(document.id) !== originOf(ctx.peer.actorId))
    return refuse("foreign-join", `${document.id} is not ${ctx.peer.actorId}'s to send`);
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  const recipient = (await ctx.exchange.peers(ctx.db, ctx.tenant)).find((p) => p.actorId === ctx.peer.actorId);
  const now = ctx.clock();
  const actor = ctx.exchange.actorUri(ctx.tenant);
  const { registration } = document;
  await ctx.db.transaction(async (tx) => {
    const repo = createLifeRepo(tx, ctx.tenant.id);
    const byUri = await repo.eventByUri(document.event);
    const event = byUri?.own ? await repo.lockEvent(byUri.id) : undefined;
    const kept = event === undefined ? undefined : await repo.remoteRegistration(ctx.peer.actorId, registration.id);
    const taken = event === undefined ? 0 : await repo.placesTaken(event.id);
    const answer = answerJoin(event, now, taken, kept?.status === "accepted");
    const reason = answer.status === "rejected" ? answer.reason : null;
    if (event !== undefined) {
      await repo.saveRemoteRegistration({
        eventId: event.id,
        sender: ctx.peer.actorId,
        registrationId: registration.id,
        participant: registration.participant,
        status: answer.status,
        reason,
        createdAt: kept?.createdAt ?? now,
      });
    }
    if (recipient === undefined) return;
    const id = `${actor}/life/joins/${registration.id}/answers/${now.getTime()}`;
    const signed = await sign(
      {
        "@context": LIFE_CONTEXT,
        type: "EventJoinAnswer",
        id,
        actor,
        event: document.event,
        registrationId: registration.id,
        answer: answer.status === "accepted" ? "Accept" : "Reject",
        reason,
        answeredAt: now.toISOString(),
      },
      now,
    );
    await ctx.exchange.send(tx, ctx.tenant, {
      mediaType: LIFE_MEDIA_TYPE,
      document: signed,
      activityId: `${actor}/activities/life/${ctx.newId()}`,
      objectId: id,
      verb: "create",
      published: now,
      display: {
        as: "note",
        name: `${answer.status === "accepted" ? "Accept" : "Reject"}: ${registration.participant}`,
        about: document.id,
      },
      from: "tenant",
      to: [recipient],
      listed: false,
    });
  });
  ctx.exchange.wake();
  return undefined;
}

/** The organizer's answer at the member's node: only the event's organizer answers, for a registration kept here. */
export async function receiveJoinAnswer(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<EventJoinAnswerMessage>,
): Promise<Handled> {
  const { document } = message;
  if (document.actor !== ctx.peer.actorId) return refuse("not-the-node");
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const join = await repo.join(document.registrationId);
  if (join === undefined) return refuse("unknown-registration");
  const event = await repo.event(join.eventId);
  if (event === undefined || event.organizer !== ctx.peer.actorId || event.uri !== document.event)
    return refuse("not-the-organizer", `${ctx.peer.actorId} does not organize ${document.event}`);
  const answeredAt = new Date(document.answeredAt);
  if (join.answeredAt !== null && join.answeredAt.getTime() > answeredAt.getTime()) return undefined;
  await repo.answerJoin(
    join.id,
    document.answer === "Accept" ? "accepted" : "rejected",
    document.answer === "Accept" ? null : (document.reason ?? null),
    answeredAt,
  );
  return undefined;
}

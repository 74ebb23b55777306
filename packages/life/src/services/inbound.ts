import type { Db, Tx } from "@dynamo/db";
import type { Handled, InboundContext, ReceivedMessage } from "@dynamo/federation";
import { createIpgDocumentRepo } from "../db/documents.ts";
import { createLifeRepo } from "../db/repos.ts";
import { admitDelegation, type Delegation, seatsOf } from "../domain/edition.ts";
import { eventFromWire } from "../wire/codec.ts";
import type {
  DelegationAnswerMessage,
  DelegationRegistrationMessage,
  IpgDocumentMessage,
  LifeEventMessage,
} from "../wire/messages.ts";
import { answerDelegation } from "./ipg.ts";

const originOf = (uri: string) => new URL(uri).origin;
const refuse = (refused: string, detail?: string): Handled => ({
  refused,
  ...(detail === undefined ? {} : { detail }),
});

/**
 * A peer's event, kept in the network calendar: only its organizer's node may send it (the
 * event's id is on the sender's origin, the document names the sender), IPG editions come from
 * the hub only, a region speaks for its own region only; an older version than the one kept is
 * ignored.
 */
export async function receiveEvent(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<LifeEventMessage>,
): Promise<Handled> {
  const { document, envelope } = message;
  if (originOf(document.id) !== originOf(ctx.peer.actorId) || document.actor !== envelope.actorId)
    return refuse("foreign-event", `${document.id} is not ${ctx.peer.actorId}'s to send`);
  const { event } = document;
  if (event.kind === "ipg" && ctx.peer.role !== "hub") return refuse("ipg-not-from-hub");
  if (event.kind !== "ipg" && ctx.peer.role === "hub") return refuse("regional-event-from-hub");
  if (ctx.peer.role === "region" && ctx.peer.regionCode !== null && event.regionCode !== ctx.peer.regionCode)
    return refuse("wrong-region", `${ctx.peer.actorId} speaks for ${ctx.peer.regionCode}, not ${event.regionCode}`);
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const kept = await repo.eventByUri(document.id);
  if (kept?.own) return refuse("foreign-event", "an event of this node");
  if (kept !== undefined && kept.updatedAt.getTime() >= new Date(event.updatedAt).getTime()) return undefined;
  await repo.saveEvent(
    eventFromWire(event, { id: kept?.id ?? ctx.newId(), uri: document.id, organizer: document.actor }),
  );
  return undefined;
}

/**
 * A platform's delegation at the hub, applied by the inbound worker (the answer is signed with
 * the hub's key, loaded before the transaction): kept, and always answered — pending while the
 * edition has room, waitlisted when full, refused for an unknown or closed edition.
 */
export async function receiveDelegation(
  ctx: InboundContext<Db>,
  message: ReceivedMessage<DelegationRegistrationMessage>,
): Promise<Handled> {
  const { delegation } = message.document;
  const platform = message.signer === null ? undefined : ctx.exchange.platformOfActor(message.signer.actorId);
  if (platform === undefined || platform.countryCode !== delegation.countryCode)
    return refuse("not-the-platform", "a delegation is signed by its own platform's actor");
  if (ctx.peer.regionCode !== null && ctx.peer.regionCode !== delegation.regionCode) return refuse("wrong-region");
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const edition = await repo.edition(delegation.editionId);
  const kept = await repo.delegation(delegation.id);
  const accepted = (await repo.delegations(delegation.editionId))
    .filter((d) => d.status === "accepted" && d.id !== delegation.id)
    .reduce((sum, d) => sum + seatsOf(d), 0);
  const base = {
    ...delegation,
    registeredAt: new Date(delegation.registeredAt),
    reason: null,
    decidedAt: null,
  };
  let answered: Delegation;
  if (edition === undefined || edition.status === "closed" || edition.status === "minutes-approved") {
    answered = { ...base, status: "refused", reason: edition === undefined ? "unknown-edition" : "edition-closed" };
  } else if (kept?.status === "accepted" && seatsOf(kept) >= seatsOf(base)) {
    answered = { ...base, status: "accepted" };
  } else {
    answered = { ...base, status: admitDelegation(edition.capacity, accepted, seatsOf(base)) };
  }
  const now = ctx.clock();
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  const recipient = (await ctx.exchange.peers(ctx.db, ctx.tenant)).find((p) => p.actorId === ctx.peer.actorId);
  await ctx.db.transaction(async (tx) => {
    if (edition !== undefined) await createLifeRepo(tx, ctx.tenant.id).saveDelegation(answered, ctx.peer.actorId);
    if (recipient !== undefined) await answerDelegation(ctx, tx, sign, answered, recipient, now);
  });
  ctx.exchange.wake();
  return undefined;
}

/** The hub's answer to one of this region's delegations. */
export async function receiveDelegationAnswer(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<DelegationAnswerMessage>,
): Promise<Handled> {
  if (ctx.peer.role !== "hub") return refuse("not-from-hub");
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const { document } = message;
  const kept = await repo.delegation(document.delegationId);
  if (kept === undefined) return refuse("unknown-delegation");
  if (kept.decidedAt !== null && kept.decidedAt.getTime() > new Date(document.decidedAt).getTime()) return undefined;
  await repo.answerDelegation(kept.id, document.status, document.reason, new Date(document.decidedAt));
  return undefined;
}

/**
 * An IPG document or minutes the hub published: kept for the region's members to read. Only the
 * hub sends them, from its own origin, for an edition the region knows; sent twice, kept once.
 */
export async function receiveIpgDocument(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<IpgDocumentMessage>,
): Promise<Handled> {
  const { document: signed, envelope } = message;
  if (ctx.peer.role !== "hub") return refuse("not-from-hub");
  if (originOf(signed.id) !== originOf(ctx.peer.actorId) || signed.actor !== envelope.actorId)
    return refuse("foreign-document", `${signed.id} is not ${ctx.peer.actorId}'s to send`);
  const { document } = signed;
  if ((await createLifeRepo(ctx.db, ctx.tenant.id).eventOfEdition(document.editionId)) === undefined)
    return refuse("unknown-edition");
  const repo = createIpgDocumentRepo(ctx.db, ctx.tenant.id);
  const kept = await repo.find(document.id);
  if (kept !== undefined && (kept.editionId !== document.editionId || kept.revision >= document.revision))
    return undefined;
  const publishedAt = new Date(document.publishedAt);
  await repo.save({
    id: document.id,
    editionId: document.editionId,
    kind: document.kind,
    title: document.title,
    body: document.body,
    state: "published",
    revision: document.revision,
    ballotId: null,
    ballotUri: document.ballotUri,
    lastOutcome: null,
    publishedAt,
    updatedAt: publishedAt,
  });
  return undefined;
}

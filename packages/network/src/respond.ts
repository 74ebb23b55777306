import type {
  Delivery,
  Peer,
  PeerDeliverySummary,
  PeeringError,
  Publication,
  PublicationError,
  PublicationProblem,
} from "@dynamo/federation";
import type { MessageKey, Translator } from "@dynamo/ui";
import { type FieldError, problem, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";

export function peeringMessage(t: Translator, error: PeeringError): string {
  switch (error.kind) {
    case "remote-actor-not-found":
      return t("federation.error.remote-actor-not-found", { target: error.target });
    case "self":
      return t("federation.error.self");
    case "already-peered":
      return t("federation.error.already-peered", { state: t(`federation.peers.state.${error.state}` as MessageKey) });
    case "not-pending":
      return t("federation.error.not-pending");
    case "not-active":
      return t("federation.error.not-active");
    case "not-a-region":
      return t("federation.error.not-a-region", { actor: error.actor });
    case "not-a-network-node":
      return t("federation.error.not-a-network-node", { actor: error.actor });
    case "not-found":
      return t("problem.not-found");
  }
}

/** The one mapping from a peering failure to its problem. */
export function peeringProblem(c: Context<TenantEnv>, error: PeeringError): Response {
  const detail = peeringMessage(c.get("t"), error);
  switch (error.kind) {
    case "remote-actor-not-found":
    case "self":
      return problem(c, "validation", {
        errors: [{ field: "actor", pointer: "/actor", code: error.kind, message: detail }],
      });
    case "not-found":
      return problem(c, "not-found");
    case "already-peered":
    case "not-pending":
    case "not-active":
    case "not-a-region":
    case "not-a-network-node":
      return problem(c, "conflict", { detail, extensions: { reason: error.kind } });
  }
}

export function publicationErrors(t: Translator, problems: readonly PublicationProblem[]): FieldError[] {
  return problems.map((p) => {
    const language = "locale" in p ? t(`lang.${p.locale}` as MessageKey) : "";
    const field = p.kind === "title-missing" ? `titles.${p.locale}` : "locale" in p ? `bodies.${p.locale}` : "titles";
    return {
      field,
      pointer: `/${field.replace(".", "/")}`,
      code: p.kind,
      message: t(`federation.error.${p.kind}` as MessageKey, { language }),
    };
  });
}

export function publicationProblem(c: Context<TenantEnv>, error: PublicationError): Response {
  if (error.kind === "not-found") return problem(c, "not-found");
  return problem(c, "validation", { errors: publicationErrors(c.get("t"), error.problems) });
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const peerJson = (peer: Peer) => ({
  actor: peer.actorId,
  inbox: peer.inbox,
  origin: peer.origin,
  name: peer.name,
  regionCode: peer.regionCode,
  direction: peer.direction,
  state: peer.state,
  since: peer.since.toISOString(),
  decidedBy: peer.decidedBy,
  reason: peer.reason,
  lastCaughtUpAt: iso(peer.lastCaughtUpAt),
});

export const publicationJson = (publication: Publication, url: string | null) => ({
  id: publication.id,
  objectId: publication.objectId,
  url,
  author: publication.authorActorId,
  authorName: publication.authorName,
  local: publication.local,
  kind: publication.kind,
  titles: publication.titles,
  bodies: publication.bodies,
  language: publication.language,
  publishedAt: publication.publishedAt.toISOString(),
  updatedAt: publication.updatedAt.toISOString(),
});

export const deliveryJson = (d: Delivery) => ({
  id: d.id,
  activityId: d.activityId,
  activityType: d.activityType,
  peer: d.peerActorId,
  inbox: d.inbox,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: iso(d.nextAttemptAt),
  failingSince: iso(d.firstFailedAt),
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  deliveredAt: iso(d.deliveredAt),
  createdAt: d.createdAt.toISOString(),
});

export const summaryJson = (s: PeerDeliverySummary) => ({
  peer: s.peerActorId,
  counts: s.counts,
  failingSince: iso(s.failingSince),
  lastDeliveredAt: iso(s.lastDeliveredAt),
});

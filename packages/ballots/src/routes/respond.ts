import { type Locale, pickLocalized } from "@dynamo/core";
import type { MessageKey } from "@dynamo/ui";
import { problem, type RequestAuth, type TenantEnv } from "@dynamo/web";
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { CastVote } from "../db/cast-votes.ts";
import type { StoredDelegation } from "../db/delegations.ts";
import type { StoredResult } from "../db/results.ts";
import type { BallotsContext, BallotsDeps } from "../deps.ts";
import { type BallotRecord, ballotPhase } from "../domain/lifecycle.ts";
import type { BallotError } from "../services/errors.ts";
import type { HubBallotView } from "../services/hub-ballots.ts";
import { receptionPayload } from "../wire.ts";
import type { CastVoteSchema, DelegationSchema } from "./api-schemas.ts";
import type { BallotJson, BallotResultJson, VerificationJson } from "./ballot-schemas.ts";

export function ballotsContext(c: Context<TenantEnv>, deps: BallotsDeps): BallotsContext {
  return { ...deps, tenant: c.get("tenant"), logger: c.get("logger"), audit: c.get("audit") };
}

/** The signed-in person of a route that declared a non-public action: set, or a bug. */
export function signedIn(c: Context<TenantEnv>): RequestAuth {
  const auth = c.get("auth");
  if (auth === undefined) throw new Error(`route ${c.req.path} reached without a session`);
  return auth;
}

/** The one mapping from a ballots failure to its problem. */
export function ballotProblem(c: Context<TenantEnv>, error: BallotError): Response {
  const { t } = c.var;
  switch (error.kind) {
    case "not-found":
      return problem(c, "not-found");
    case "invalid":
      return problem(c, "validation", {
        errors: error.problems.map((p) => ({
          field: p.field,
          pointer: `/${p.field.replaceAll(".", "/")}`,
          code: p.code,
          message: t(`ballots.error.${p.code}` as MessageKey, p.params),
        })),
      });
    case "not-draft":
    case "already-ended":
      return problem(c, "conflict", {
        detail: t(`ballots.conflict.${error.kind}`),
        extensions: { reason: error.kind },
      });
    case "empty-electorate":
      return problem(c, "conflict", {
        detail: t("ballots.conflict.empty-electorate"),
        extensions: { reason: error.kind },
      });
    case "roster-conflict":
      return problem(c, "conflict", {
        detail: t("ballots.conflict.roster-conflict", { platforms: error.platformIds.join(", ") }),
        extensions: { reason: error.kind, platformIds: error.platformIds },
      });
    case "not-peered":
      return problem(c, "ballot-not-peered");
    case "ballot-closed":
      return problem(c, "ballot-closed");
    case "no-seat":
      return problem(c, "forbidden", { detail: t("ballots.error.no-seat") });
    case "not-in-electorate":
      return problem(c, "not-in-electorate");
    case "no-mandate":
      return problem(c, "forbidden", {
        detail: t("ballots.refusal.no-mandate"),
        extensions: { reason: error.kind },
      });
    case "vote-refused":
      return problem(c, "vote-refused", {
        detail: t(`ballots.refusal.${error.refusal.kind}` as MessageKey),
        extensions: { reason: error.refusal.kind },
      });
  }
}

export const ballotJson = (ballot: BallotRecord, locale: Locale, now: Date): BallotJson => ({
  id: ballot.id,
  uri: ballot.uri,
  status: ballot.status,
  phase: ballotPhase(ballot, now),
  title: ballot.title,
  titleText: pickLocalized(ballot.title, locale) ?? "",
  description: ballot.description,
  rules: ballot.rules,
  opensAt: ballot.opensAt.toISOString(),
  closesAt: ballot.closesAt.toISOString(),
  graceMs: ballot.graceMs,
  /** How much longer the hub received votes: its own downtime near the close, then the regions' answers. */
  extensionMs: ballot.extensionMs,
  reception: ballot.reception && receptionPayload(ballot.reception),
  electorate: ballot.electorate,
  cancelReason: ballot.cancelReason,
  openedAt: ballot.openedAt?.toISOString() ?? null,
  closedAt: ballot.closedAt?.toISOString() ?? null,
});

export const castVoteJson = (vote: CastVote): z.infer<typeof CastVoteSchema> => ({
  id: vote.id,
  activityId: vote.activityUri,
  choice: vote.choice,
  castBy: vote.castBy,
  proxyFor: vote.proxyFor,
  castByName: vote.personName,
  signedAt: vote.signedAt.toISOString(),
  status: vote.status,
  refusal: vote.refusal,
  receipt: vote.receipt,
  receiptReceivedAt: vote.receiptReceivedAt?.toISOString() ?? null,
  hubReceivedAt: vote.hubReceivedAt?.toISOString() ?? null,
});

export const delegationJson = (delegation: StoredDelegation): z.infer<typeof DelegationSchema> => ({
  id: delegation.id,
  activityId: delegation.uri,
  platformId: delegation.platformId,
  holder: delegation.holder,
  signedAt: delegation.signedAt.toISOString(),
  by: delegation.personName,
  status: delegation.status,
  refusal: delegation.refusal,
});

/** A published result; its verification once this region recounted it (never at the hub). */
export const resultJson = (result: StoredResult): BallotResultJson => ({
  publishedAt: result.publishedAt.toISOString(),
  publication: result.publication,
  verification:
    result.verifiedAt === null || result.agrees === null
      ? null
      : { agrees: result.agrees, problem: result.problem, verifiedAt: result.verifiedAt.toISOString() },
});

/** What the hub shows of the regions' verification: who agreed, who disputed and with what evidence. */
export const verificationJson = (view: HubBallotView): VerificationJson => ({
  attestations: view.attestations.map((a) => ({ ...a, receivedAt: a.receivedAt.toISOString() })),
  verifiedBy: view.attestations.filter((a) => a.agrees).length,
  disputedBy: view.attestations.filter((a) => !a.agrees).length,
  regions: view.regions.length,
  lateVotes: view.lateVotes.map((v) => ({
    ...v,
    signedAt: v.signedAt.toISOString(),
    receivedAt: v.receivedAt.toISOString(),
  })),
});

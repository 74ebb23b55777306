import { pickLocalized, type Tenant } from "@dynamo/core";
import type { BallotRecord } from "../domain/lifecycle.ts";
import { maxChoicesOf, optionIdsOf } from "../domain/rules.ts";
import type { VoteChoice } from "../domain/vote.ts";
import type { BallotMessage } from "../network.ts";
import type {
  AttestationPayload,
  BallotTerms,
  HoldingsPayload,
  HoldingsRequestPayload,
  ReceiptPayload,
  ResultPayload,
} from "../wire.ts";

/** The terms of a ballot as the hub sends them to the regions. */
export function ballotTerms(
  ballot: BallotRecord,
  result: ResultPayload | null = null,
  mandates: BallotTerms["mandates"] = [],
): BallotTerms & { result: ResultPayload | null } {
  return {
    kind: "dynamo-ballot/1",
    title: ballot.title,
    description: ballot.description,
    rules: ballot.rules,
    opensAt: ballot.opensAt.toISOString(),
    closesAt: ballot.closesAt.toISOString(),
    graceMs: ballot.graceMs,
    // The hub's downtime extends the reception; the regions' answering time is the hub's alone.
    extensionMs: ballot.reception?.downtimeMs ?? 0,
    status: ballot.status === "draft" ? "open" : ballot.status,
    cancelReason: ballot.cancelReason,
    electorate: ballot.electorate ?? [],
    mandates,
    result,
  };
}

/** The ballot as a message: shown elsewhere as a poll (the Mastodon shape), created when it opens, updated when it changes. */
export function ballotMessage(
  tenant: Tenant,
  ballot: BallotRecord,
  input: {
    verb: "create" | "update";
    activityId: string;
    at: Date;
    result?: ResultPayload | null;
    voters?: number | null;
    /** The mandates in force (see hub-proxies.ts); regions show each holder the votes it holds. */
    mandates?: BallotTerms["mandates"];
  },
): BallotMessage {
  const closed =
    ballot.status === "closed" || ballot.status === "cancelled"
      ? (ballot.closedAt ?? ballot.cancelledAt ?? input.at)
      : null;
  return {
    activityId: input.activityId,
    objectId: ballot.uri,
    verb: input.verb,
    published: input.at,
    document: ballotTerms(ballot, input.result ?? null, input.mandates ?? []),
    display: {
      as: "poll",
      name: pickLocalized(ballot.title, tenant.defaultLocale) ?? "",
      content: pickLocalized(ballot.description, tenant.defaultLocale) ?? "",
      options: optionIdsOf(ballot.rules.options),
      multiple: maxChoicesOf(ballot.rules.options) > 1,
      endTime: ballot.closesAt,
      closed,
      voters: input.voters ?? null,
    },
  };
}

/** What a vote is named where it shows: its option(s), or abstain / blank (what other servers show). */
export function choiceName(choice: VoteChoice): string {
  return choice.kind === "options" ? [...choice.optionIds].sort().join(",") : choice.kind;
}

/** A note answering `about` and carrying one of our documents: the shape of every message but the ballot. */
function noteMessage(input: {
  activityId: string;
  about: string;
  at: Date;
  name: string;
  document: Record<string, unknown>;
}): BallotMessage {
  return {
    activityId: input.activityId,
    objectId: `${input.activityId}/note`,
    verb: "create",
    published: input.at,
    document: input.document,
    display: { as: "note", name: input.name, about: input.about },
  };
}

export function voteMessage(input: {
  activityId: string;
  ballotUri: string;
  signedAt: Date;
  name: VoteChoice;
  /** The signed vote document. */
  payload: Record<string, unknown>;
}): BallotMessage {
  return noteMessage({
    activityId: input.activityId,
    about: input.ballotUri,
    at: input.signedAt,
    name: choiceName(input.name),
    document: input.payload,
  });
}

/** A platform's signed delegation of its vote (or its withdrawal), from the platform's actor to the hub. */
export function delegationMessage(input: {
  activityId: string;
  ballotUri: string;
  signedAt: Date;
  holder: string | null;
  /** The signed delegation document. */
  payload: Record<string, unknown>;
}): BallotMessage {
  return noteMessage({
    activityId: input.activityId,
    about: input.ballotUri,
    at: input.signedAt,
    name: input.holder === null ? "proxy-withdrawn" : `proxy:${input.holder}`,
    document: input.payload,
  });
}

export function receiptMessage(input: { activityId: string; at: Date; payload: ReceiptPayload }): BallotMessage {
  return noteMessage({
    activityId: input.activityId,
    about: input.payload.vote,
    at: input.at,
    name: input.payload.accepted ? "accepted" : "refused",
    document: input.payload,
  });
}

export function attestationMessage(input: {
  activityId: string;
  at: Date;
  payload: AttestationPayload;
}): BallotMessage {
  return noteMessage({
    activityId: input.activityId,
    about: input.payload.ballot,
    at: input.at,
    name: input.payload.agrees ? "agrees" : "disagrees",
    document: input.payload,
  });
}

/** The hub asks a region, before counting, for the votes it still holds. */
export function holdingsRequestMessage(input: {
  activityId: string;
  at: Date;
  payload: HoldingsRequestPayload;
}): BallotMessage {
  return noteMessage({
    activityId: input.activityId,
    about: input.payload.ballot,
    at: input.at,
    name: "holdings-request",
    document: input.payload,
  });
}

/** A region's answer: the signed votes it still holds. */
export function holdingsMessage(input: { activityId: string; at: Date; payload: HoldingsPayload }): BallotMessage {
  return noteMessage({
    activityId: input.activityId,
    about: input.payload.ballot,
    at: input.at,
    name: `holdings:${input.payload.votes.length}`,
    document: input.payload,
  });
}

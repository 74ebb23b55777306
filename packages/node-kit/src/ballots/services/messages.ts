import {
  type BallotRecord,
  maxChoicesOf,
  optionIdsOf,
  pickLocalized,
  type Tenant,
  type VoteChoice,
} from "@dynamo/domain";
import type { BallotActivity } from "../network.ts";
import type { AttestationPayload, BallotTerms, ReceiptPayload, ResultPayload } from "../wire.ts";

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
    status: ballot.status === "draft" ? "open" : ballot.status,
    cancelReason: ballot.cancelReason,
    electorate: ballot.electorate ?? [],
    mandates,
    result,
  };
}

/** The Question (the Mastodon poll shape) carrying a ballot, created when it opens, updated when it changes. */
export function questionActivity(
  tenant: Tenant,
  ballot: BallotRecord,
  input: {
    verb: "Create" | "Update";
    activityId: string;
    at: Date;
    result?: ResultPayload | null;
    voters?: number | null;
    /** The mandates in force (see hub-proxies.ts); regions show each holder the votes it holds. */
    mandates?: BallotTerms["mandates"];
  },
): BallotActivity {
  return {
    type: input.verb,
    id: input.activityId,
    published: input.at,
    object: {
      type: "Question",
      id: ballot.uri,
      name: pickLocalized(ballot.title, tenant.defaultLocale) ?? "",
      content: pickLocalized(ballot.description, tenant.defaultLocale) ?? "",
      options: optionIdsOf(ballot.rules.options),
      multiple: maxChoicesOf(ballot.rules.options) > 1,
      endTime: ballot.closesAt,
      closed:
        ballot.status === "closed" || ballot.status === "cancelled"
          ? (ballot.closedAt ?? ballot.cancelledAt ?? input.at)
          : null,
      voters: input.voters ?? null,
      payload: ballotTerms(ballot, input.result ?? null, input.mandates ?? []),
    },
  };
}

/** What a vote's Note is named: its option(s), or abstain / blank (what other servers show). */
export function choiceName(choice: VoteChoice): string {
  return choice.kind === "options" ? [...choice.optionIds].sort().join(",") : choice.kind;
}

/** A Create(Note) replying to `inReplyTo`, carrying one of our documents: the shape of every message but the ballot. */
function noteActivity(input: {
  activityId: string;
  inReplyTo: string;
  at: Date;
  name: string;
  payload: unknown;
}): BallotActivity {
  return {
    type: "Create",
    id: input.activityId,
    published: input.at,
    object: {
      type: "Note",
      id: `${input.activityId}/note`,
      name: input.name,
      inReplyTo: input.inReplyTo,
      published: input.at,
      payload: input.payload,
    },
  };
}

export function voteActivity(input: {
  activityId: string;
  ballotUri: string;
  signedAt: Date;
  name: VoteChoice;
  /** The signed vote document. */
  payload: Record<string, unknown>;
}): BallotActivity {
  return noteActivity({
    activityId: input.activityId,
    inReplyTo: input.ballotUri,
    at: input.signedAt,
    name: choiceName(input.name),
    payload: input.payload,
  });
}

/** A platform's signed delegation of its vote (or its withdrawal), from the platform's actor to the hub. */
export function delegationActivity(input: {
  activityId: string;
  ballotUri: string;
  signedAt: Date;
  holder: string | null;
  /** The signed delegation document. */
  payload: Record<string, unknown>;
}): BallotActivity {
  return noteActivity({
    activityId: input.activityId,
    inReplyTo: input.ballotUri,
    at: input.signedAt,
    name: input.holder === null ? "proxy-withdrawn" : `proxy:${input.holder}`,
    payload: input.payload,
  });
}

export function receiptActivity(input: { activityId: string; at: Date; payload: ReceiptPayload }): BallotActivity {
  return noteActivity({
    activityId: input.activityId,
    inReplyTo: input.payload.vote,
    at: input.at,
    name: input.payload.accepted ? "accepted" : "refused",
    payload: input.payload,
  });
}

export function attestationActivity(input: {
  activityId: string;
  at: Date;
  payload: AttestationPayload;
}): BallotActivity {
  return noteActivity({
    activityId: input.activityId,
    inReplyTo: input.payload.ballot,
    at: input.at,
    name: input.payload.agrees ? "agrees" : "disagrees",
    payload: input.payload,
  });
}

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
      payload: ballotTerms(ballot, input.result ?? null),
    },
  };
}

/** What a vote's Note is named: its option(s), or abstain / blank (what other servers show). */
export function choiceName(choice: VoteChoice): string {
  return choice.kind === "options" ? [...choice.optionIds].sort().join(",") : choice.kind;
}

export function voteActivity(input: {
  activityId: string;
  ballotUri: string;
  signedAt: Date;
  name: VoteChoice;
  /** The signed vote document. */
  payload: Record<string, unknown>;
}): BallotActivity {
  return {
    type: "Create",
    id: input.activityId,
    published: input.signedAt,
    object: {
      type: "Note",
      id: `${input.activityId}/note`,
      name: choiceName(input.name),
      inReplyTo: input.ballotUri,
      published: input.signedAt,
      payload: input.payload,
    },
  };
}

export function receiptActivity(input: { activityId: string; at: Date; payload: ReceiptPayload }): BallotActivity {
  return {
    type: "Create",
    id: input.activityId,
    published: input.at,
    object: {
      type: "Note",
      id: `${input.activityId}/note`,
      name: input.payload.accepted ? "accepted" : "refused",
      inReplyTo: input.payload.vote,
      published: input.at,
      payload: input.payload,
    },
  };
}

export function attestationActivity(input: {
  activityId: string;
  at: Date;
  payload: AttestationPayload;
}): BallotActivity {
  return {
    type: "Create",
    id: input.activityId,
    published: input.at,
    object: {
      type: "Note",
      id: `${input.activityId}/note`,
      name: input.payload.agrees ? "agrees" : "disagrees",
      inReplyTo: input.payload.ballot,
      published: input.at,
      payload: input.payload,
    },
  };
}

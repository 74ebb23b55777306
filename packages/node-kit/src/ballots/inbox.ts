import { keepBallotActivity, type Tx } from "@dynamo/db";
import type { Tenant } from "@dynamo/domain";
import type { Logger } from "@logtape/logtape";
import type { BallotsDeps } from "./deps.ts";
import { receiveDelegation } from "./services/hub-proxies.ts";
import { receiveAttestation } from "./services/hub-tally.ts";
import { receiveVote } from "./services/hub-votes.ts";
import { receiveBallot, receiveReceipt } from "./services/region-ballots.ts";

const KINDS = [
  "dynamo-vote/1",
  "dynamo-proxy/1",
  "dynamo-attestation/1",
  "dynamo-ballot/1",
  "dynamo-receipt/1",
] as const;
type Kind = (typeof KINDS)[number];

const payloadKind = (payload: unknown): Kind | undefined =>
  typeof payload === "object" && payload !== null && "kind" in payload && KINDS.includes(payload.kind as Kind)
    ? (payload.kind as Kind)
    : undefined;

/** Which node kind takes each message: votes, delegations and attestations the hub, ballots and receipts the regions. */
const FOR_HUB: Record<Kind, boolean> = {
  "dynamo-vote/1": true,
  "dynamo-proxy/1": true,
  "dynamo-attestation/1": true,
  "dynamo-ballot/1": false,
  "dynamo-receipt/1": false,
};

/**
 * In the transaction where the federation records an activity of a trusted peer: when it is a
 * ballot message for this kind of tenant, keep it for the ballots worker ("handled"); anything
 * else is left to other areas ("ignored"). Nothing slow happens here.
 */
export async function keepBallotMessage(
  deps: BallotsDeps,
  input: { tx: Tx; tenant: Tenant; json: unknown },
): Promise<"handled" | "ignored"> {
  const network = deps.network;
  if (network === undefined) return "ignored";
  const parsed = network.parse(input.json);
  if (!parsed.ok) return "ignored";
  const kind = payloadKind(parsed.value.object.payload);
  if (kind === undefined || FOR_HUB[kind] !== (input.tenant.kind === "hub")) return "ignored";
  // The Linked Data Signature Fedify adds is for the hop; the integrity proof stays with the vote.
  const { signature: _ldSignature, ...activity } = input.json as Record<string, unknown>;
  await keepBallotActivity(input.tx, {
    id: deps.newId(),
    tenantId: input.tenant.id,
    activityId: parsed.value.id,
    activity,
    receivedAt: deps.clock(),
  });
  return "handled";
}

/**
 * Applies a kept ballot message, outside the federation's transaction (checking a vote's proof
 * may fetch its key over the network). Each use-case then works in its own transaction.
 */
export async function applyBallotMessage(
  deps: BallotsDeps,
  logger: Logger,
  tenant: Tenant,
  json: unknown,
): Promise<void> {
  const network = deps.network;
  if (network === undefined) throw new Error("the ballots area has no network attached");
  const parsed = network.parse(json);
  if (!parsed.ok) return;
  const activity = parsed.value;
  const ctx = { ...deps, tenant, logger };
  switch (payloadKind(activity.object.payload)) {
    case "dynamo-vote/1":
      await receiveVote(ctx, activity);
      return;
    case "dynamo-proxy/1":
      await receiveDelegation(ctx, activity);
      return;
    case "dynamo-attestation/1":
      await receiveAttestation(ctx, activity);
      return;
    case "dynamo-ballot/1":
      await receiveBallot(ctx, activity);
      return;
    case "dynamo-receipt/1":
      await receiveReceipt(ctx, activity);
      return;
    case undefined:
      return;
  }
}

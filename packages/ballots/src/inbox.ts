import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@dynamo/db";
import { type InboundContext, type InboxRoute, route } from "@dynamo/federation";
import { createAreaEvents } from "@dynamo/node";
import type { BallotsContext } from "./deps.ts";
import { ballotsNetwork } from "./network.ts";
import { receiveDelegation } from "./services/hub-proxies.ts";
import { receiveHoldings } from "./services/hub-reception.ts";
import { receiveAttestation } from "./services/hub-tally.ts";
import { receiveVote } from "./services/hub-votes.ts";
import { receiveBallot, receiveReceipt } from "./services/region-ballots.ts";
import { answerHoldingsRequest } from "./services/region-holdings.ts";
import { BallotDocuments } from "./wire.ts";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const receiptNonce = () => randomBytes(24).toString("base64url");

/** The ballots' use-case context for a message federation hands over (applied by its worker, outside the inbound transaction). */
const ballotsContext = (ctx: InboundContext<Db>): BallotsContext => ({
  db: ctx.db,
  tenant: ctx.tenant,
  clock: ctx.clock,
  newId: ctx.newId,
  logger: ctx.logger,
  hash: sha256,
  nonce: receiptNonce,
  network: ballotsNetwork(ctx.exchange),
  // Events a message causes reach their subscribers at the delivery's next look.
  events: createAreaEvents({ clock: ctx.clock, newId: ctx.newId, wake: () => {} }),
});

/**
 * Where each ballot message goes. All are applied by federation's worker, each use-case in its
 * own transaction: a vote's receipt, a result's recount (which checks every published vote's
 * proof) must not hold the transaction that records the activity.
 */
export const ballotRoutes: readonly InboxRoute[] = [
  route(BallotDocuments, "dynamo-vote/1", {
    on: "hub",
    apply: "by-worker",
    handle: (ctx, message) => receiveVote(ballotsContext(ctx), message),
  }),
  route(BallotDocuments, "dynamo-proxy/1", {
    on: "hub",
    apply: "by-worker",
    handle: (ctx, message) => receiveDelegation(ballotsContext(ctx), message),
  }),
  route(BallotDocuments, "dynamo-attestation/1", {
    on: "hub",
    apply: "by-worker",
    handle: (ctx, message) => receiveAttestation(ballotsContext(ctx), message),
  }),
  route(BallotDocuments, "dynamo-holdings/1", {
    on: "hub",
    apply: "by-worker",
    handle: (ctx, message) => receiveHoldings(ballotsContext(ctx), message),
  }),
  route(BallotDocuments, "dynamo-holdings-request/1", {
    on: "region",
    apply: "by-worker",
    handle: (ctx, message) => answerHoldingsRequest(ballotsContext(ctx), message),
  }),
  route(BallotDocuments, "dynamo-ballot/1", {
    on: "region",
    apply: "by-worker",
    handle: (ctx, message) => receiveBallot(ballotsContext(ctx), message),
  }),
  route(BallotDocuments, "dynamo-receipt/1", {
    on: "region",
    apply: "by-worker",
    handle: (ctx, message) => receiveReceipt(ballotsContext(ctx), message),
  }),
];

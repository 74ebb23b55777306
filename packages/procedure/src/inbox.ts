import { createHash } from "node:crypto";
import { type InboxRoute, route } from "@dynamo/federation";
import {
  receiveChain,
  receiveDraftStatus,
  receiveDraftSubmission,
  receiveProposal,
  receiveStatus,
  receiveWithdrawal,
} from "./services/inbound.ts";
import { ProcedureDocuments } from "./wire.ts";

export const sha256 = (input: string) => createHash("sha256").update(input).digest("hex");

/**
 * Where each procedure message goes. At the hub, a proposal or a withdrawal is applied by the
 * inbound worker (it answers every region with the amendment's new state, signed); at a region,
 * the hub's states and chains are applied in the transaction that records them.
 */
export const procedureRoutes: readonly InboxRoute[] = [
  route(ProcedureDocuments, "AmendmentProposal", {
    on: "hub",
    apply: "by-worker",
    handle: (ctx, message) => receiveProposal(ctx, sha256, message),
  }),
  route(ProcedureDocuments, "AmendmentWithdrawal", {
    on: "hub",
    apply: "by-worker",
    handle: (ctx, message) => receiveWithdrawal(ctx, sha256, message),
  }),
  route(ProcedureDocuments, "RegionalDraftSubmission", {
    on: "hub",
    apply: "in-transaction",
    handle: receiveDraftSubmission,
  }),
  route(ProcedureDocuments, "AmendmentStatus", { on: "region", apply: "in-transaction", handle: receiveStatus }),
  route(ProcedureDocuments, "RulesChain", {
    on: "region",
    apply: "in-transaction",
    handle: (ctx, message) => receiveChain(ctx, sha256, message),
  }),
  route(ProcedureDocuments, "RegionalDraftStatus", {
    on: "region",
    apply: "in-transaction",
    handle: receiveDraftStatus,
  }),
];

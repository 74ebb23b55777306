import type { Tx } from "@dynamo/db";
import { type InboundContext, type InboxRoute, type ReceivedMessage, route } from "@dynamo/federation";
import { receiveReportMessage } from "./services/inbound.ts";
import { ReportDocuments, type ReportMessage } from "./wire/messages.ts";

/** Applies a report message in the transaction that records it; a refusal is federation's to record. */
async function apply(ctx: InboundContext<Tx>, message: ReceivedMessage<ReportMessage>) {
  const outcome = await receiveReportMessage(ctx, message, ctx.peer);
  if (outcome.ok) return undefined;
  return { refused: outcome.reason, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }) };
}

/**
 * Where each report message goes: submissions to the hub, decisions and publications to the
 * regions, each applied in the transaction that records the activity (the message and what it
 * changes are kept together, or neither).
 */
export const reportRoutes: readonly InboxRoute[] = [
  route(ReportDocuments, "ReportSubmission", { on: "hub", apply: "in-transaction", handle: apply }),
  route(ReportDocuments, "ReportDecision", { on: "region", apply: "in-transaction", handle: apply }),
  route(ReportDocuments, "ReportPublication", { on: "region", apply: "in-transaction", handle: apply }),
];

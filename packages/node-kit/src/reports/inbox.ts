import type { Tx } from "@dynamo/db";
import type { Tenant } from "@dynamo/domain";
import { getLogger } from "@logtape/logtape";
import type { ReportsDeps } from "./deps.ts";
import { receiveReportMessage } from "./services/inbound.ts";

/**
 * What the node hands the federation's report handler: a report message from a trusted peer,
 * applied in the transaction that records the activity as received. A refused message (bad
 * proof, wrong region, wrong actor, malformed) changes nothing: it is logged and kept with the
 * tenant's refused messages (sender, activity, reason), shown on the delivery page. It is still
 * "handled", so the activity is not offered to other areas.
 */
export function reportsInbox(deps: ReportsDeps) {
  return async (input: { tx: Tx; tenant: Tenant; peerActorId: string; activityId?: string; document: unknown }) => {
    await receiveReportMessage(
      { ...deps, db: input.tx, tenant: input.tenant, logger: getLogger(["dynamo", "reports"]) },
      {
        sender: input.peerActorId,
        activityId: input.activityId,
        document: input.document,
        receivedAt: deps.clock(),
      },
    );
    return "handled" as const;
  };
}

import type { Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { getLogger } from "@logtape/logtape";
import { createReceivedRepo } from "../db/received.ts";
import type { NetworkContext } from "../network-context.ts";

const logger = getLogger(["dynamo", "federation"]);

/**
 * Why an incoming message was refused. Each is logged and kept; the message changes nothing. The
 * areas' handlers add reasons of their own (a report from the wrong region).
 */
export type RefusalReason =
  | "malformed"
  | "unsigned"
  | "signature-invalid"
  | "key-not-actors-origin"
  | "activity-origin-mismatch"
  | "object-origin-mismatch"
  | "not-a-peer"
  | "already-applied"
  | "unexpected-peering-message"
  | "unknown-recipient"
  | "bad-proof"
  | "signer-mismatch"
  | (string & {});

export interface Refusal {
  reason: RefusalReason;
  activityId?: string | null | undefined;
  actorId?: string | null | undefined;
  type?: string | null | undefined;
  detail?: string | null | undefined;
}

/** Logs a refusal (LogTape, ["dynamo", "federation"]) and keeps it for the tenant's admins. */
export async function recordRefusal(
  ctx: NetworkContext,
  tenant: Tenant,
  refusal: Refusal,
  db: DbOrTx = ctx.db,
): Promise<void> {
  const level = refusal.reason === "already-applied" ? "info" : "warning";
  logger[level]("refused {type} {activityId} from {actorId} for {tenant}: {reason}", {
    tenant: tenant.slug,
    reason: refusal.reason,
    activityId: refusal.activityId ?? null,
    actorId: refusal.actorId ?? null,
    type: refusal.type ?? null,
    detail: refusal.detail ?? null,
  });
  await createReceivedRepo(db, tenant.id).refuse(
    ctx.newId(),
    {
      reason: refusal.reason,
      activityId: refusal.activityId?.slice(0, 2000) ?? null,
      actorId: refusal.actorId?.slice(0, 2000) ?? null,
      type: refusal.type?.slice(0, 64) ?? null,
      detail: refusal.detail?.slice(0, 1000) ?? null,
    },
    ctx.clock(),
  );
}

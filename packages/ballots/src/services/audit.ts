import { pickLocalized } from "@dynamo/core";
import { type DbOrTx, recordSystemAudit } from "@dynamo/db";
import type { BallotsContext } from "../deps.ts";
import type { BallotRecord } from "../domain/lifecycle.ts";

/**
 * Records a governance action on a ballot in the tenant's audit log, in the action's own
 * transaction: the person and request when a person acted, the node itself otherwise (a ballot
 * counted at its deadline).
 */
export async function auditBallot(
  ctx: BallotsContext,
  db: DbOrTx,
  action: `ballots.${string}`,
  ballot: Pick<BallotRecord, "id" | "title">,
  details: Record<string, unknown> = {},
): Promise<void> {
  const label = pickLocalized(ballot.title, ctx.tenant.defaultLocale) ?? null;
  if (ctx.audit !== undefined) {
    await ctx.audit({ action, target: { type: "ballot", id: ballot.id, label }, details }, db);
    return;
  }
  await recordSystemAudit(db, ctx.tenant.id, {
    id: ctx.newId(),
    at: ctx.clock(),
    action,
    targetType: "ballot",
    targetId: ballot.id,
    targetLabel: label,
    details,
  });
}

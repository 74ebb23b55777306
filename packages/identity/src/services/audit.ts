import type { DbOrTx } from "@dynamo/db";
import { createAuditRepo } from "@dynamo/db";
import type { Actor, IdentityContext } from "./context.ts";

export interface AuditInput {
  action: string;
  outcome: "success" | "failure";
  actor?: Actor | { id: string | null; label: string | null } | undefined;
  target?: { type: string; id: string; label?: string | null } | undefined;
  /** Facts about what changed; never a password, a token or a hash. */
  details?: Record<string, unknown>;
}

/** Writes one audit event for the context's tenant, in the given transaction. */
export async function recordAudit(ctx: IdentityContext, db: DbOrTx, input: AuditInput): Promise<void> {
  const actor =
    input.actor === undefined
      ? { id: null, label: null }
      : "principal" in input.actor
        ? { id: input.actor.person.id, label: input.actor.person.email }
        : input.actor;
  await createAuditRepo(db, ctx.tenant.id).record({
    id: ctx.newId(),
    at: ctx.clock(),
    actorId: actor.id,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetLabel: input.target?.label ?? null,
    outcome: input.outcome,
    clientAddress: ctx.meta.clientAddress,
    requestId: ctx.meta.requestId,
    details: input.details ?? {},
  });
}

import { randomUUID } from "node:crypto";
import { createAuditRepo, type DbOrTx } from "@dynamo/db";
import { createMiddleware } from "hono/factory";
import { clientAddress } from "./client-address.ts";
import type { TenantEnv } from "./env.ts";

/** One governance action, as an area's route records it. Never a password, a token or a hash. */
export interface AuditInput {
  /** `<area>.<verb>`, translated on the audit page from `audit.action.<action>`. */
  action: string;
  outcome?: "success" | "failure";
  target?: { type: string; id: string; label?: string | null } | undefined;
  details?: Record<string, unknown>;
}

/** Records an action of this request's person, from this request's address, on this tenant. */
export type RecordAudit = (input: AuditInput, db?: DbOrTx) => Promise<void>;

/**
 * Gives every tenant route `c.get("audit")`: who acts (the signed-in person, read when the action is
 * recorded), when (the node's clock), from where (the client address, X-Forwarded-For behind a
 * trusted proxy) and the request id, in the tenant's audit log. Pass the action's transaction to
 * record it with what it changed.
 */
export function auditTrail(deps: { db: DbOrTx; clock: () => Date; trustProxy: boolean }) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    c.set("audit", async (input, db) => {
      const person = c.get("auth")?.person;
      await createAuditRepo(db ?? deps.db, c.get("tenant").id).record({
        id: randomUUID(),
        at: deps.clock(),
        actorId: person?.id ?? null,
        actorLabel: person?.email ?? null,
        action: input.action,
        targetType: input.target?.type ?? null,
        targetId: input.target?.id ?? null,
        targetLabel: input.target?.label ?? null,
        outcome: input.outcome ?? "success",
        clientAddress: clientAddress(c, deps.trustProxy),
        requestId: c.get("requestId") ?? null,
        details: input.details ?? {},
      });
    });
    await next();
  });
}

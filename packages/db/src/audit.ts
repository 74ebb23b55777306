import type { TenantId } from "@dynamo/core";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { auditEvents } from "./schema.ts";
import type { DbOrTx } from "./types.ts";

export interface AuditEvent {
  id: string;
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: "success" | "failure";
  clientAddress: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** The audit log of one tenant, newest first. */
export function createAuditRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async record(event: AuditEvent): Promise<void> {
      await db.insert(auditEvents).values({ ...event, tenantId });
    },

    /** A page of events older than the cursor (an event's time and id), newest first. */
    async list(options: { limit: number; before?: { at: Date; id: string } }): Promise<AuditEvent[]> {
      const cursor = options.before;
      const rows = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, tenantId),
            cursor === undefined
              ? undefined
              : or(lt(auditEvents.at, cursor.at), and(eq(auditEvents.at, cursor.at), lt(auditEvents.id, cursor.id))),
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(options.limit);
      return rows.map(({ tenantId: _tenant, ...event }) => event);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;

/** An action the node took on its own (a ballot counted at its deadline): no person, no request. */
export async function recordSystemAudit(
  db: DbOrTx,
  tenantId: TenantId,
  event: Pick<AuditEvent, "id" | "at" | "action" | "targetType" | "targetId" | "targetLabel" | "details">,
): Promise<void> {
  await createAuditRepo(db, tenantId).record({
    ...event,
    actorId: null,
    actorLabel: null,
    outcome: "success",
    clientAddress: null,
    requestId: null,
  });
}

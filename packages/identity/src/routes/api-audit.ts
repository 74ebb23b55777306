import { createAuditRepo } from "@dynamo/db";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { IdentityDeps } from "../deps.ts";
import { auditEventJson } from "./respond.ts";
import { AuditEventSchema } from "./schemas.ts";

const listAuditEventsRoute = createRoute({
  method: "get",
  path: "/api/audit-events",
  operationId: "listAuditEvents",
  summary: "The tenant's audit log, newest first; page with ?before=<nextCursor>",
  tags: ["identity"],
  security,
  middleware: [authorize("audit.read")] as const,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z.string().max(100).optional().openapi({ description: "The nextCursor of the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "A page of events",
      content: {
        "application/json": {
          schema: z.object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

/** A cursor is the last event's time and id, so pages stay stable while events are added. */
export function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [time, id] = cursor.split("_");
  const at = new Date(Number(time));
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { at, id };
}

export const cursorOf = (event: { at: Date; id: string }) => `${event.at.getTime()}_${event.id}`;

export function mountAuditApi(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.openapi(listAuditEventsRoute, async (c) => {
    const { limit, before } = c.req.valid("query");
    const events = await createAuditRepo(deps.db, c.get("tenant").id).list({ limit, before: parseCursor(before) });
    const last = events.at(-1);
    return c.json(
      { events: events.map(auditEventJson), nextCursor: events.length === limit && last ? cursorOf(last) : null },
      200,
    );
  });
}

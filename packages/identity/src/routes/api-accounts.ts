import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security, signedIn } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { deletePendingMember, disableMember, enableMember } from "../services/accounts.ts";
import { identityProblem, personJson } from "./respond.ts";
import { PersonSchema } from "./schemas.ts";

const MemberId = z.object({ id: z.string().uuid() });

const disableRoute = createRoute({
  method: "post",
  path: "/api/members/{id}/disable",
  operationId: "disableMember",
  summary: "Disable a person's account: sessions end, login is refused, history is kept",
  tags: ["identity"],
  security,
  middleware: [authorize("members.disable")] as const,
  request: { params: MemberId },
  responses: {
    200: { description: "Disabled", content: { "application/json": { schema: PersonSchema } } },
    ...problemResponses(401, 403, 404, 409),
  },
});

const enableRoute = createRoute({
  method: "post",
  path: "/api/members/{id}/enable",
  operationId: "enableMember",
  summary: "Enable a disabled account again",
  tags: ["identity"],
  security,
  middleware: [authorize("members.disable")] as const,
  request: { params: MemberId },
  responses: {
    200: { description: "Enabled", content: { "application/json": { schema: PersonSchema } } },
    ...problemResponses(401, 403, 404, 409),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/api/members/{id}",
  operationId: "deleteMember",
  summary: "Delete a person who never joined (invitation pending); anyone who joined is disabled instead",
  tags: ["identity"],
  security,
  middleware: [authorize("members.delete")] as const,
  request: { params: MemberId },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 409) },
});

/** An administrator closes and reopens accounts, and removes invitations nobody took up. */
export function mountAccountsApi(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.openapi(disableRoute, async (c) => {
    const result = await disableMember(identityContext(c, deps), signedIn(c), c.req.valid("param").id);
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(personJson(result.value), 200);
  });

  router.openapi(enableRoute, async (c) => {
    const result = await enableMember(identityContext(c, deps), signedIn(c), c.req.valid("param").id);
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(personJson(result.value), 200);
  });

  router.openapi(deleteRoute, async (c) => {
    const result = await deletePendingMember(identityContext(c, deps), signedIn(c), c.req.valid("param").id);
    if (!result.ok) return identityProblem(c, result.error);
    return c.body(null, 204);
  });
}

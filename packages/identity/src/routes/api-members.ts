import { type Locale, pickLocalized, type Role } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security, signedIn, toCsv, wantsCsv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { createPlatformRepo } from "../db/platforms.ts";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { acceptInvitation, resetPassword } from "../services/links.ts";
import {
  inviteMember,
  listMembers,
  revokeMemberSessions,
  startPasswordReset,
  updateMember,
} from "../services/members.ts";
import { identityProblem, issuedLinkUrl, personJson } from "./respond.ts";
import { InvitationSchema, LinkSchema, MemberChangeSchema, PersonSchema, password } from "./schemas.ts";

const MemberId = z.object({ id: z.string().uuid() });

const listMembersRoute = createRoute({
  method: "get",
  path: "/api/members",
  operationId: "listMembers",
  summary: "The people of this tenant (as CSV with ?format=csv or Accept: text/csv)",
  tags: ["identity"],
  security,
  middleware: [authorize("members.list")] as const,
  request: { query: z.object({ format: z.enum(["json", "csv"]).optional() }) },
  responses: {
    200: {
      description: "The roster",
      content: {
        "application/json": { schema: z.object({ members: z.array(PersonSchema) }) },
        "text/csv": { schema: z.string() },
      },
    },
    ...problemResponses(401, 403),
  },
});

const createInvitationRoute = createRoute({
  method: "post",
  path: "/api/invitations",
  operationId: "createInvitation",
  summary: "Register a person and get the single-use link that lets them join",
  tags: ["identity"],
  security,
  middleware: [authorize("members.invite")] as const,
  request: { body: { required: true, content: { "application/json": { schema: InvitationSchema } } } },
  responses: {
    201: {
      description: "Invited; give the link to the person",
      content: { "application/json": { schema: z.object({ person: PersonSchema, link: LinkSchema }) } },
    },
    ...problemResponses(400, 401, 403, 409),
  },
});

const acceptInvitationRoute = createRoute({
  method: "post",
  path: "/api/invitations/accept",
  operationId: "acceptInvitation",
  summary: "Use an invitation link once: choose a password (and confirm one's name)",
  tags: ["identity"],
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ token: z.string().max(200), password, displayName: z.string().max(200).optional() }),
        },
      },
    },
  },
  middleware: [authorize("invitation.accept")] as const,
  responses: {
    200: { description: "Joined; log in now", content: { "application/json": { schema: PersonSchema } } },
    ...problemResponses(400, 404, 410, 429),
  },
});

const resetPasswordRoute = createRoute({
  method: "post",
  path: "/api/password-reset",
  operationId: "resetPassword",
  summary: "Use a password-reset link once: choose a new password; every session ends",
  tags: ["identity"],
  middleware: [authorize("password.reset")] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ token: z.string().max(200), password }) } },
    },
  },
  responses: {
    204: { description: "Password changed; log in now" },
    ...problemResponses(400, 404, 410, 429),
  },
});

const updateMemberRoute = createRoute({
  method: "patch",
  path: "/api/members/{id}",
  operationId: "updateMember",
  summary: "Change a person's roles, platform and seat",
  tags: ["identity"],
  security,
  middleware: [authorize("members.update")] as const,
  request: {
    params: MemberId,
    body: { required: true, content: { "application/json": { schema: MemberChangeSchema } } },
  },
  responses: {
    200: { description: "Changed", content: { "application/json": { schema: PersonSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const startResetRoute = createRoute({
  method: "post",
  path: "/api/members/{id}/password-reset",
  operationId: "startPasswordReset",
  summary: "Get a single-use link for a person to choose a new password (a new invitation if pending)",
  tags: ["identity"],
  security,
  middleware: [authorize("members.reset-password")] as const,
  request: { params: MemberId },
  responses: {
    201: { description: "The link", content: { "application/json": { schema: LinkSchema } } },
    ...problemResponses(401, 403, 404),
  },
});

const revokeRoute = createRoute({
  method: "post",
  path: "/api/members/{id}/revoke-sessions",
  operationId: "revokeMemberSessions",
  summary: "End every session of a person at once",
  tags: ["identity"],
  security,
  middleware: [authorize("members.revoke-sessions")] as const,
  request: { params: MemberId },
  responses: {
    200: {
      description: "Ended",
      content: { "application/json": { schema: z.object({ revoked: z.number().int() }) } },
    },
    ...problemResponses(401, 403, 404),
  },
});

export function mountMembersApi(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.openapi(listMembersRoute, async (c) => {
    const ctx = identityContext(c, deps);
    const members = await listMembers(ctx);
    if (wantsCsv(c.req.valid("query").format, c.req.header("accept"))) {
      const platforms = new Map((await createPlatformRepo(ctx.db, ctx.tenant.id).list()).map((p) => [p.id, p]));
      const csv = toCsv(
        [
          "email",
          "display_name",
          "locale",
          "roles",
          "platform_country",
          "platform",
          "platform_seat",
          "status",
          "created_at",
        ],
        members.map((m) => {
          const platform = m.platformId === null ? undefined : platforms.get(m.platformId);
          return [
            m.email,
            m.displayName,
            m.locale,
            m.roles.join(" "),
            platform?.countryCode ?? null,
            platform ? (pickLocalized(platform.names, c.get("locale")) ?? null) : null,
            m.platformSeat,
            m.status,
            m.createdAt.toISOString(),
          ];
        }),
      );
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${ctx.tenant.slug}-members.csv"`,
      });
    }
    return c.json({ members: members.map(personJson) }, 200);
  });

  router.openapi(createInvitationRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await inviteMember(identityContext(c, deps), signedIn(c), {
      email: body.email,
      displayName: body.displayName,
      locale: (body.locale ?? c.get("tenant").defaultLocale) as Locale,
      roles: body.roles as Role[],
      platformId: body.platformId ?? null,
      platformSeat: body.platformSeat ?? null,
    });
    if (!result.ok) return identityProblem(c, result.error);
    const { person, link } = result.value;
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        person: personJson(person),
        link: { url: issuedLinkUrl(c, deps, person, "/invitation", link), expiresAt: link.expiresAt.toISOString() },
      },
      201,
    );
  });

  router.openapi(acceptInvitationRoute, async (c) => {
    const result = await acceptInvitation(identityContext(c, deps), c.req.valid("json"));
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(personJson(result.value), 200);
  });

  router.openapi(resetPasswordRoute, async (c) => {
    const result = await resetPassword(identityContext(c, deps), c.req.valid("json"));
    if (!result.ok) return identityProblem(c, result.error);
    return c.body(null, 204);
  });

  router.openapi(updateMemberRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await updateMember(identityContext(c, deps), signedIn(c), c.req.valid("param").id, {
      roles: body.roles as Role[] | undefined,
      platformId: body.platformId,
      platformSeat: body.platformSeat,
    });
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(personJson(result.value), 200);
  });

  router.openapi(startResetRoute, async (c) => {
    const result = await startPasswordReset(identityContext(c, deps), signedIn(c), c.req.valid("param").id);
    if (!result.ok) return identityProblem(c, result.error);
    const { person, link } = result.value;
    const path = person.status === "pending" ? "/invitation" : "/password-reset";
    c.header("Cache-Control", "no-store");
    return c.json({ url: issuedLinkUrl(c, deps, person, path, link), expiresAt: link.expiresAt.toISOString() }, 201);
  });

  router.openapi(revokeRoute, async (c) => {
    const result = await revokeMemberSessions(identityContext(c, deps), signedIn(c), c.req.valid("param").id);
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(result.value, 200);
  });
}

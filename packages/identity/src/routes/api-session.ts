import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security, signedIn } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type IdentityDeps, identityContext } from "../deps.ts";
import type { IdentityError } from "../services/errors.ts";
import { emailLoginAlert } from "../services/link-mail.ts";
import { changePassword, updateProfile } from "../services/profile.ts";
import { login, logout } from "../services/sessions.ts";
import { identityProblem, personJson } from "./respond.ts";
import { PersonSchema, password } from "./schemas.ts";

const SessionSchema = z
  .object({
    token: z.string().openapi({ description: "Send as Authorization: Bearer <token>" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
    person: PersonSchema,
  })
  .openapi("Session");

const MeSchema = PersonSchema.extend({
  csrfToken: z.string().optional().openapi({
    description: "With the session cookie only: send it as X-CSRF-Token on unsafe API requests",
  }),
}).openapi("Me");

const loginRoute = createRoute({
  method: "post",
  path: "/api/session",
  operationId: "login",
  summary: "Log in with email and password; returns a short-lived bearer token",
  tags: ["identity"],
  middleware: [authorize("session.login")] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ email: z.string().max(254), password }) },
      },
    },
  },
  responses: {
    200: { description: "Logged in", content: { "application/json": { schema: SessionSchema } } },
    ...problemResponses(400, 401, 403, 429),
  },
});

const logoutRoute = createRoute({
  method: "delete",
  path: "/api/session",
  operationId: "logout",
  summary: "End the current session at once",
  tags: ["identity"],
  security,
  middleware: [authorize("session.logout")] as const,
  responses: { 204: { description: "Logged out" }, ...problemResponses(401, 403) },
});

const getMeRoute = createRoute({
  method: "get",
  path: "/api/me",
  operationId: "getMe",
  summary: "The signed-in person",
  tags: ["identity"],
  security,
  middleware: [authorize("profile.read")] as const,
  responses: {
    200: { description: "The person", content: { "application/json": { schema: MeSchema } } },
    ...problemResponses(401, 403),
  },
});

const updateMeRoute = createRoute({
  method: "patch",
  path: "/api/me",
  operationId: "updateMe",
  summary: "Change one's own name or language",
  tags: ["identity"],
  security,
  middleware: [authorize("profile.update")] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            displayName: z.string().max(200).optional(),
            locale: PersonSchema.shape.locale.optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "The person", content: { "application/json": { schema: PersonSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

const changePasswordRoute = createRoute({
  method: "post",
  path: "/api/me/password",
  operationId: "changePassword",
  summary: "Change one's own password; every other session ends",
  tags: ["identity"],
  security,
  middleware: [authorize("profile.update")] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ currentPassword: password, newPassword: password }) } },
    },
  },
  responses: {
    200: {
      description: "Changed",
      content: { "application/json": { schema: z.object({ sessionsRevoked: z.number().int() }) } },
    },
    ...problemResponses(400, 401, 403, 429),
  },
});

/** Repeated failures on an account: its owner is emailed (when the node sends email), once per window. */
export function alertOwner(c: Context<TenantEnv>, deps: IdentityDeps, error: IdentityError): void {
  if (error.kind !== "invalid-credentials" || error.alert === undefined) return;
  void emailLoginAlert(deps.mailer, c.get("logger"), c.get("tenant"), error.alert.person, error.alert.failures);
}

export function mountSessionApi(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.openapi(loginRoute, async (c) => {
    const result = await login(identityContext(c, deps), c.req.valid("json"));
    if (!result.ok) {
      alertOwner(c, deps, result.error);
      return identityProblem(c, result.error);
    }
    const { token, expiresAt, person } = result.value;
    c.header("Cache-Control", "no-store");
    return c.json({ token, expiresAt: expiresAt.toISOString(), person: personJson(person) }, 200);
  });

  router.openapi(logoutRoute, async (c) => {
    await logout(identityContext(c, deps), signedIn(c));
    return c.body(null, 204);
  });

  router.openapi(getMeRoute, (c) => {
    const auth = signedIn(c);
    const csrfToken = auth.via === "cookie" ? c.get("csrfToken") : undefined;
    c.header("Cache-Control", "no-store");
    return c.json({ ...personJson(auth.person), ...(csrfToken === undefined ? {} : { csrfToken }) }, 200);
  });

  router.openapi(updateMeRoute, async (c) => {
    const result = await updateProfile(identityContext(c, deps), signedIn(c), c.req.valid("json"));
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(personJson(result.value), 200);
  });

  router.openapi(changePasswordRoute, async (c) => {
    const result = await changePassword(identityContext(c, deps), signedIn(c), c.req.valid("json"));
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(result.value, 200);
  });
}

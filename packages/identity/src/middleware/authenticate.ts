import { randomBytes } from "node:crypto";
import type { TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { csrfTokenFor } from "../crypto/secrets.ts";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { authenticate } from "../services/sessions.ts";
import {
  clearSessionCookie,
  readSessionCookie,
  readVisitorCookie,
  writeSessionCookie,
  writeVisitorCookie,
} from "./cookies.ts";

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/**
 * Finds who is asking: an API client's bearer token or a browser's session cookie, checked
 * against the session record. Renews a browser's token past half its life, and sets the CSRF
 * token the request's forms carry.
 */
export function authenticateRequest(deps: IdentityDeps) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    c.set("principal", undefined);
    c.set("auth", undefined);
    const header = c.req.header("authorization");
    const bearer = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const cookie = bearer === undefined ? readSessionCookie(c, deps.secureCookies) : undefined;
    const token = bearer ?? cookie;
    const via = bearer === undefined ? "cookie" : "bearer";
    if (token !== undefined) {
      const result = await authenticate(identityContext(c, deps), token);
      switch (result.kind) {
        case "signed-in":
          c.set("principal", result.actor.principal);
          c.set("auth", { ...result.actor, via });
          if (result.renewed && via === "cookie")
            writeSessionCookie(c, deps.secureCookies, result.renewed.token, result.renewed.expiresAt);
          break;
        case "foreign":
          c.set("principal", result.principal);
          break;
        case "none":
          if (via === "cookie") clearSessionCookie(c, deps.secureCookies);
          break;
      }
    }

    const auth = c.get("auth");
    if (auth !== undefined) {
      c.set("csrfToken", csrfTokenFor(deps.keys.csrfKey, `session:${auth.sessionId}`));
    } else {
      const visitor = readVisitorCookie(c, deps.secureCookies);
      c.set("csrfToken", visitor === undefined ? undefined : csrfTokenFor(deps.keys.csrfKey, `visitor:${visitor}`));
    }
    await next();
  });
}

/**
 * A page with a form for visitors without a session (login, joining, a password reset) names
 * the visitor with a random cookie, so that the form's CSRF token is bound to them. Other
 * pages set no cookie.
 */
export function ensureVisitorCsrf(c: Context<TenantEnv>, deps: Pick<IdentityDeps, "keys" | "secureCookies">): void {
  if (c.get("csrfToken") !== undefined) return;
  const visitor = randomBytes(18).toString("base64url");
  writeVisitorCookie(c, deps.secureCookies, visitor);
  c.set("csrfToken", csrfTokenFor(deps.keys.csrfKey, `visitor:${visitor}`));
}

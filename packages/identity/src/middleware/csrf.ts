import { problem, requestHost, type TenantEnv } from "@dynamo/web";
import { createMiddleware } from "hono/factory";
import { sameSecret } from "../crypto/secrets.ts";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every unsafe request a browser could be tricked into sending must prove it comes from our
 * own page: same origin (Origin and Sec-Fetch-Site, when sent) and a token bound to the session
 * or visitor (a form's hidden field, or a header for the API used with the cookie). API clients
 * with a bearer token are exempt: nothing ambient authorises them.
 */
export function checkCsrf(options: { trustProxy: boolean }) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const isApi = c.req.path.startsWith("/api/");
    if (isApi && c.get("auth")?.via !== "cookie") return next();

    const refuse = (reason: string) => {
      c.get("logger").warn("CSRF check refused {method} {path}: {reason}", {
        method: c.req.method,
        path: c.req.path,
        reason,
      });
      return problem(c, "csrf-failed");
    };
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin" && site !== "none") return refuse(`sec-fetch-site ${site}`);
    // Under our Referrer-Policy (no-referrer) browsers send "Origin: null" even for our own
    // forms: an opaque origin proves nothing either way, and the token below still decides.
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== "null") {
      let originHost: string;
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        return refuse("malformed origin");
      }
      if (originHost !== requestHost(c, options.trustProxy)) return refuse("cross-origin");
    }

    let sent: string | undefined;
    if (isApi) {
      sent = c.req.header(CSRF_HEADER);
    } else {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const value = (await c.req.parseBody())[CSRF_FIELD];
        sent = typeof value === "string" ? value : undefined;
      }
    }
    const expected = c.get("csrfToken");
    if (sent === undefined || expected === undefined || !sameSecret(sent, expected))
      return refuse("missing or wrong token");
    await next();
  });
}

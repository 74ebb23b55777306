import { type Action, may } from "@dynamo/core";
import { createMiddleware } from "hono/factory";
import type { TenantEnv } from "./env.ts";
import { problem, wantsHtml } from "./problem.tsx";

/**
 * The permission a route needs, checked by the policy before the handler runs: 401 without a
 * session (a browser asking for a page is sent to the login form), 403 with the wrong role or
 * another tenant's session. A refused request reaches no handler and changes nothing.
 */
export function authorize(action: Action) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    const decision = may(c.get("site").policy, c.get("principal"), action, c.get("tenant"));
    if (decision.allowed) return next();
    c.get("logger").info("refused {action} on {tenant}: {reason}", {
      action,
      tenant: c.get("tenant").slug,
      reason: decision.reason,
      personId: c.get("principal")?.personId,
    });
    if (decision.reason === "unauthenticated") {
      if (c.req.method === "GET" && wantsHtml(c)) {
        const next = c.req.path + (new URL(c.req.url).search || "");
        return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      }
      return problem(c, "unauthorized", { headers: { "WWW-Authenticate": 'Bearer realm="dynamo"' } });
    }
    return problem(c, "forbidden");
  });
}

import type { TenantId } from "@dynamo/core";
import { createMiddleware } from "hono/factory";
import type { TenantEnv } from "../env.ts";

/**
 * Pages for visitors who are not signed in, kept for a second (a "micro-cache", as a caching
 * proxy would keep them): the public pages of a node that a crawler, a link shared on a
 * network or a fediverse storm hits a thousand times a second are made once a second instead.
 *
 * Kept only what is the same for every such visitor: a GET of a page (not the API, not
 * federation) with no session cookie and no Authorization header, answered 200 as HTML, setting
 * no cookie and holding no form token. The key is everything the answer varies on (tenant, path
 * and query, Accept, Accept-Language and the whole Cookie header: a visitor's language cookie).
 * Any write through this node to the tenant (a request other than GET or HEAD) drops the
 * tenant's pages when it ends, so whoever publishes sees it at once; a change arriving otherwise
 * (federation, a background job, another process) shows within `ttlMs`. Request ids, security
 * headers and compression are outside, fresh on every answer.
 */
const PAGE_HEADERS = new Set(["content-type", "content-language", "vary", "link"]);

export function anonymousPageCache(
  options: { ttlMs?: number; maxEntries?: number; maxBytes?: number; now?: () => number } = {},
) {
  const { ttlMs = 1000, maxEntries = 500, maxBytes = 512 * 1024, now = Date.now } = options;
  const kept = new Map<string, { tenantId: TenantId; until: number; body: ArrayBuffer; headers: [string, string][] }>();
  /** Per tenant: bumped by every write, so a page being made during one is not kept. */
  const generation = new Map<TenantId, number>();
  const dropTenant = (tenantId: TenantId) => {
    generation.set(tenantId, (generation.get(tenantId) ?? 0) + 1);
    for (const [key, entry] of kept) if (entry.tenantId === tenantId) kept.delete(key);
  };

  return createMiddleware<TenantEnv>(async (c, next) => {
    const tenantId = c.get("tenant").id;
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      try {
        await next();
      } finally {
        dropTenant(tenantId);
      }
      return;
    }
    const path = c.req.path;
    const cookie = c.req.header("cookie") ?? "";
    if (
      method !== "GET" ||
      path.startsWith("/api/") ||
      path.startsWith("/ap/") ||
      path.startsWith("/.well-known/") ||
      c.req.header("authorization") !== undefined ||
      /(?:^|;\s*)(?:__Host-)?dynamo_session=/.test(cookie)
    ) {
      await next();
      return;
    }
    const url = new URL(c.req.url);
    const key = [
      tenantId,
      url.pathname,
      url.search,
      c.req.header("accept") ?? "",
      c.req.header("accept-language") ?? "",
      cookie,
    ].join("\u0000");
    const hit = kept.get(key);
    if (hit !== undefined && hit.until > now()) {
      // Through the context: what the outer middleware set for this request (its id) is added.
      return c.body(hit.body, 200, Object.fromEntries(hit.headers));
    }
    const startedAt = generation.get(tenantId) ?? 0;
    await next();
    const res = c.res;
    if (
      res.status !== 200 ||
      !(res.headers.get("content-type") ?? "").startsWith("text/html") ||
      res.headers.has("set-cookie") ||
      c.get("csrfToken") !== undefined ||
      (generation.get(tenantId) ?? 0) !== startedAt
    )
      return;
    const body = await res.clone().arrayBuffer();
    if (body.byteLength > maxBytes) return;
    if (kept.size >= maxEntries) {
      const at = now();
      for (const [k, entry] of kept) if (entry.until <= at) kept.delete(k);
      if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string);
    }
    // Only what describes the page: headers of this request (its id) are not kept for another.
    const headers = [...res.headers].filter(([name]) => PAGE_HEADERS.has(name.toLowerCase()));
    kept.set(key, { tenantId, until: now() + ttlMs, body, headers });
  });
}

import type { TenantKind } from "@dynamo/core";
import { cachedTenantByHost, type Database } from "@dynamo/db";
import {
  anonymousPageCache,
  auditTrail,
  createRouter,
  limitBody,
  mountNodeLevelRoutes,
  type NodeEnv,
  negotiateLocaleMiddleware,
  problem,
  refuseControlCharacters,
  requestLog,
  requireJsonBody,
  resolveTenant,
  type Site,
  type TenantEnv,
} from "@dynamo/web";
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AreaRuntime } from "./area.ts";
import type { NodeMetrics } from "./metrics.ts";
import { mountHomeRoutes } from "./routes/home.tsx";

export interface NodeAppDeps {
  database: Pick<Database, "db" | "ping" | "driver">;
  /** Which tenants this node serves: a regional node serves regions, the hub node the hub. */
  kind: TenantKind;
  config: { trustProxy: boolean; publicUrl: string; pageCacheMs?: number | undefined };
  /** What the areas make of every request: policy, problem kinds, navigation, catalogs. */
  site: Site;
  /** ActivityPub (actors, inboxes, WebFinger, NodeInfo), mounted once the tenant is known. */
  federation: MiddlewareHandler<NodeEnv>;
  /** The areas' runtimes, in the order of the list of areas. */
  areas: readonly AreaRuntime[];
  /** The node's clock (the audit log's times). */
  clock: () => Date;
  /** Requests counted and /metrics served (with its token) when given. */
  metrics?: NodeMetrics;
}

/**
 * The HTTP stack of a node: request ids, logs, security headers, body limits, problem+json
 * errors, health, OpenAPI, tenant by Host and locale, federation, then every area's middleware
 * (who is asking), the home page, and every area's routes. No side effects: nothing listens,
 * nothing is read from the environment.
 */
export function createNodeApp(deps: NodeAppDeps) {
  const app = createRouter<NodeEnv>();
  // Every request names its tenant: kept a second, dropped at once by this process's writes.
  const tenantByHost = cachedTenantByHost(deps.database.db);

  app.use(
    createMiddleware<NodeEnv>(async (c, next) => {
      c.set("site", deps.site);
      await next();
    }),
  );
  if (deps.metrics) app.use(deps.metrics.middleware);
  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(requestLog);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  app.use(
    createMiddleware<NodeEnv>(async (c, next) => {
      await next();
      // Pages and the API carry sessions and personal data: never kept by a browser or proxy.
      // Assets and federation (public, signed documents) say their own caching.
      const path = c.req.path;
      if (!c.res.headers.has("Cache-Control") && !path.startsWith("/assets/") && !path.startsWith("/ap/")) {
        c.res.headers.set("Cache-Control", "no-store");
      }
      c.res.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    }),
  );
  app.use(compress());
  app.use(limitBody());
  app.use(negotiateLocaleMiddleware);
  app.use("/api/*", requireJsonBody);
  app.use(refuseControlCharacters);

  mountNodeLevelRoutes(app, deps.database);
  if (deps.metrics) {
    const { handler } = deps.metrics;
    app.get("/metrics", (c) => handler(c));
  }
  for (const area of deps.areas) area.nodeRoutes?.(app);

  app.use(
    resolveTenant({
      trustProxy: deps.config.trustProxy,
      findTenantByHost: async (host) => {
        const tenant = await tenantByHost(host);
        return tenant?.kind === deps.kind ? tenant : undefined;
      },
    }),
  );

  app.use(deps.federation);

  const router = createRouter<TenantEnv>();
  const pageCacheMs = deps.config.pageCacheMs ?? 0;
  if (pageCacheMs > 0) router.use(anonymousPageCache({ ttlMs: pageCacheMs }));
  router.use(auditTrail({ db: deps.database.db, clock: deps.clock, trustProxy: deps.config.trustProxy }));
  for (const area of deps.areas) area.middleware?.(router);
  mountHomeRoutes(router, {
    secureCookies: deps.config.publicUrl.startsWith("https:"),
    clock: deps.clock,
    homeItems: deps.areas.flatMap((area) => (area.homeItems ? [area.homeItems.bind(area)] : [])),
  });
  for (const area of deps.areas) area.routes?.(router);
  app.route("/", router);

  app.notFound((c) => problem(c, "not-found"));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 400) {
      // Hono's own validators reject a body that is not JSON at all.
      return problem(c, "validation", {
        errors: [{ field: "", pointer: "", code: "invalid_body", message: error.message }],
      });
    }
    if (error instanceof HTTPException && error.status === 413) return problem(c, "payload-too-large");
    c.get("logger").error("unhandled error on {method} {path}: {error}", {
      method: c.req.method,
      path: c.req.path,
      error,
    });
    return problem(c, "internal");
  });
  return app;
}

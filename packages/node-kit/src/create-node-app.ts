import { createTenantRepo, type Database } from "@dynamo/db";
import type { TenantKind } from "@dynamo/domain";
import {
  createRouter,
  limitBody,
  type NodeEnv,
  negotiateLocaleMiddleware,
  problem,
  requestLog,
  requireJsonBody,
  resolveTenant,
  type TenantEnv,
} from "@dynamo/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { mountHomeRoutes } from "./routes/home.tsx";
import { mountNodeLevelRoutes } from "./routes/node-level.ts";

export interface NodeAppDeps {
  database: Database;
  /** Which tenants this node serves: a regional node serves regions, the hub node the hub. */
  kind: TenantKind;
  config: { trustProxy: boolean; publicUrl: string };
}

export type TenantRouter = OpenAPIHono<TenantEnv>;

/**
 * The HTTP stack every node shares: request ids, logs, security headers, body limits,
 * problem+json errors, health, OpenAPI, tenant by Host and locale. The node adds its own
 * tenant-scoped routes through `mount`. No side effects: nothing listens, nothing is read
 * from the environment.
 */
export function createNodeApp(deps: NodeAppDeps, mount: (router: TenantRouter) => void = () => {}) {
  const app = createRouter<NodeEnv>();
  const tenants = createTenantRepo(deps.database.db);

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
  app.use(compress());
  app.use(limitBody());
  app.use(negotiateLocaleMiddleware);
  app.use("/api/*", requireJsonBody);

  mountNodeLevelRoutes(app, deps.database);

  app.use(
    resolveTenant({
      trustProxy: deps.config.trustProxy,
      findTenantByHost: async (host) => {
        const tenant = await tenants.findByHost(host);
        return tenant?.kind === deps.kind ? tenant : undefined;
      },
    }),
  );

  const router = createRouter<TenantEnv>();
  mountHomeRoutes(router, { secureCookies: deps.config.publicUrl.startsWith("https:") });
  mount(router);
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
    c.var.logger.error("unhandled error on {method} {path}: {error}", {
      method: c.req.method,
      path: c.req.path,
      error,
    });
    return problem(c, "internal");
  });
  return app;
}

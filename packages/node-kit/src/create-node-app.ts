import { randomBytes } from "node:crypto";
import { createTenantRepo, type Database } from "@dynamo/db";
import type { TenantKind } from "@dynamo/domain";
import type { NetworkServices } from "@dynamo/federation";
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
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { BallotsArea } from "./ballots/index.ts";
import { mountNetworkRoutes } from "./federation/index.ts";
import { identityDeps, mountIdentityMiddleware, mountIdentityRoutes } from "./identity/index.ts";
import type { Mailer } from "./mail/mailer.ts";
import { mountReportsRoutes, type ReportsArea, reportsDeps } from "./reports/index.ts";
import { remindersFor } from "./reports/reminders.ts";
import { mountHomeRoutes } from "./routes/home.tsx";
import { mountNodeLevelRoutes } from "./routes/node-level.ts";

export interface NodeAppDeps {
  database: Database;
  /** Which tenants this node serves: a regional node serves regions, the hub node the hub. */
  kind: TenantKind;
  config: { trustProxy: boolean; publicUrl: string };
  /** ActivityPub (actors, inboxes, WebFinger, NodeInfo), mounted once the tenant is known. */
  federation?: MiddlewareHandler<NodeEnv> | undefined;
  /** The network's use-cases (peering, publications, delivery status): their API and pages are mounted. */
  network?: NetworkServices | undefined;
  /** The IPG ballots: their API and pages are mounted (see createBallotsArea). */
  ballots?: BallotsArea | undefined;
  /**
   * The node secret: session-signing and CSRF keys derive from it. Omitted only by tests that
   * need no session to outlive the app: a random one is used then.
   */
  nodeSecret?: string | undefined;
  /** The clock of sessions, links and rate limits (tests move it). */
  clock?: (() => Date) | undefined;
  /** The reports area (its federation port and PDF renderer); without it reports work, unsent. */
  reports?: ReportsArea | undefined;
  /** With SMTP settings: invitation and reset links are also emailed (see createNodeMail). */
  mailer?: Mailer | undefined;
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

  if (deps.federation) app.use(deps.federation);

  const router = createRouter<TenantEnv>();
  const identity = identityDeps({
    db: deps.database.db,
    nodeSecret: deps.nodeSecret ?? randomBytes(48).toString("base64url"),
    publicUrl: deps.config.publicUrl,
    trustProxy: deps.config.trustProxy,
    clock: deps.clock,
    mailer: deps.mailer,
  });
  mountIdentityMiddleware(router, identity);
  const reports = deps.reports?.deps ?? reportsDeps(deps.database.db, { clock: deps.clock });
  mountHomeRoutes(router, {
    secureCookies: deps.config.publicUrl.startsWith("https:"),
    reminders: (c) => remindersFor(c, reports),
  });
  mountIdentityRoutes(router, identity);
  if (deps.network) mountNetworkRoutes(router, deps.network);
  deps.ballots?.mount(router);
  mountReportsRoutes(router, reports);
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

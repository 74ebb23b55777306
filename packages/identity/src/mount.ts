import { randomUUID } from "node:crypto";
import type { Db } from "@dynamo/db";
import type { Mailer } from "@dynamo/mail";
import type { TenantEnv } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { deriveIdentityKeys } from "./crypto/keys.ts";
import type { IdentityDeps } from "./deps.ts";
import { authenticateRequest } from "./middleware/authenticate.ts";
import { checkCsrf } from "./middleware/csrf.ts";
import { mountAccountsApi } from "./routes/api-accounts.ts";
import { mountAuditApi } from "./routes/api-audit.ts";
import { mountMembersApi } from "./routes/api-members.ts";
import { mountPlatformsApi } from "./routes/api-platforms.ts";
import { mountSessionApi } from "./routes/api-session.ts";
import { mountIdentityPages } from "./routes/pages.tsx";

export interface IdentityOptions {
  db: Db;
  nodeSecret: string;
  publicUrl: string;
  trustProxy: boolean;
  clock?: (() => Date) | undefined;
  newId?: (() => string) | undefined;
  mailer?: Mailer | undefined;
}

export function identityDeps(options: IdentityOptions): IdentityDeps {
  const https = options.publicUrl.startsWith("https:");
  return {
    db: options.db,
    keys: deriveIdentityKeys(options.nodeSecret),
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    trustProxy: options.trustProxy,
    secureCookies: https,
    publicScheme: https ? "https" : "http",
    mailer: options.mailer,
  };
}

/**
 * Who is asking and whether a form really comes from our page: runs before every tenant route,
 * so the home page and other areas' pages know the signed-in person too.
 */
export function mountIdentityMiddleware(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The token from POST /api/session (operation login)",
  });
  router.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    name: deps.secureCookies ? "__Host-dynamo_session" : "dynamo_session",
    description: "A browser's session; unsafe requests then need the X-CSRF-Token header",
  });
  router.use(authenticateRequest(deps));
  router.use(checkCsrf({ trustProxy: deps.trustProxy }));
}

/** The identity API and pages. */
export function mountIdentityRoutes(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  mountSessionApi(router, deps);
  mountMembersApi(router, deps);
  mountAccountsApi(router, deps);
  mountPlatformsApi(router, deps);
  mountAuditApi(router, deps);
  mountIdentityPages(router, deps);
}

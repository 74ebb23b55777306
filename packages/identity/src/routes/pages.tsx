import type { TenantEnv } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { IdentityDeps } from "../deps.ts";
import { mountForgotPassword } from "./forgot.tsx";
import { mountAuthPages } from "./pages-auth.tsx";
import { mountMemberPages } from "./pages-members.tsx";
import { mountPlatformPages } from "./pages-platforms.tsx";

/** The identity area's server-rendered pages: they work without JavaScript. */
export function mountIdentityPages(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  mountAuthPages(router, deps);
  mountForgotPassword(router, deps);
  mountMemberPages(router, deps);
  mountPlatformPages(router, deps);
}

import type { NetworkServices } from "@dynamo/federation";
import type { TenantEnv } from "@dynamo/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { mountNetworkApi } from "./api.ts";
import { mountNetworkPages } from "./pages.tsx";

/** The network area's API and pages, on both kinds of node. */
export function mountNetworkRoutes(router: OpenAPIHono<TenantEnv>, network: NetworkServices): void {
  mountNetworkApi(router, network);
  mountNetworkPages(router, network);
}

import type { TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { ReportsContext, ReportsDeps } from "../deps.ts";

export function reportsContext(c: Context<TenantEnv>, deps: ReportsDeps): ReportsContext {
  return { ...deps, tenant: c.get("tenant"), logger: c.get("logger"), audit: c.get("audit") };
}

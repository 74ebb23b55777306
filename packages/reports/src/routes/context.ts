import type { TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { ReportsContext, ReportsDeps } from "../deps.ts";

export function reportsContext(c: Context<TenantEnv>, deps: ReportsDeps): ReportsContext {
  return { ...deps, tenant: c.var.tenant, logger: c.var.logger, audit: c.var.audit };
}

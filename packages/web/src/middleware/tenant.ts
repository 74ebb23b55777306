import type { Tenant } from "@dynamo/core";
import { createMiddleware } from "hono/factory";
import type { NodeEnv } from "../env.ts";
import { problem } from "../problem.tsx";
import { applyLocale } from "./locale.ts";

export interface TenantResolution {
  findTenantByHost(host: string): Promise<Tenant | undefined>;
  /** Behind a trusted reverse proxy, X-Forwarded-Host names the site the visitor asked for. */
  trustProxy: boolean;
}

/** The request's Host picks the tenant; a host no tenant answers on gets a 404 problem. */
export function resolveTenant(deps: TenantResolution) {
  return createMiddleware<NodeEnv>(async (c, next) => {
    const forwarded = deps.trustProxy ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    const host = forwarded || c.req.header("host") || new URL(c.req.url).host;
    const tenant = host ? await deps.findTenantByHost(host) : undefined;
    if (tenant === undefined) {
      c.get("logger")?.info("no tenant answers on host {host}", { host });
      return problem(c, "unknown-tenant", { params: { host: host || "?" } });
    }
    c.set("tenant", tenant);
    applyLocale(c);
    await next();
  });
}

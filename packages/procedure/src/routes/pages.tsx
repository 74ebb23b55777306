import type { TenantEnv } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ProcedureDeps } from "../deps.ts";

export function mountProcedurePages(_router: OpenAPIHono<TenantEnv>, _deps: ProcedureDeps): void {}

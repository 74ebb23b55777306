import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { NodeVariables, TenantEnv } from "./env.ts";
import { problem } from "./problem.tsx";
import { toFieldErrors } from "./validation.ts";

/**
 * A router whose zod-validated routes land in the OpenAPI document; a request that fails
 * validation gets a 400 problem listing every issue.
 */
export function createRouter<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const vars: Partial<NodeVariables> = c.var;
      return problem(c, "validation", { errors: toFieldErrors(result.error.issues, vars.locale ?? "en") });
    },
  });
}

/** The router of a tenant's routes: every area mounts its API and pages on it. */
export type TenantRouter = OpenAPIHono<TenantEnv>;

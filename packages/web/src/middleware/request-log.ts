import { getLogger } from "@logtape/logtape";
import { createMiddleware } from "hono/factory";
import type { NodeEnv } from "../env.ts";

const root = getLogger(["dynamo", "http"]);

/**
 * One structured log line per request (method, path, status, duration, request id, tenant),
 * and a logger carrying the request id for everything logged while handling it.
 */
export const requestLog = createMiddleware<NodeEnv>(async (c, next) => {
  const started = performance.now();
  const logger = root.with({ requestId: c.get("requestId") });
  c.set("logger", logger);
  await next();
  const status = c.res.status;
  const fields = {
    method: c.req.method,
    path: c.req.path,
    status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    tenant: c.get("tenant")?.slug,
  };
  const message = "{method} {path} → {status} in {durationMs} ms";
  // A 503 that says when to come back is an answer we chose (a peering not yet in force, the PDF
  // renderer away): worth a warning, not an error.
  if (status === 503 && c.res.headers.has("retry-after")) logger.warning(message, fields);
  else if (status >= 500) logger.error(message, fields);
  else logger.info(message, fields);
});

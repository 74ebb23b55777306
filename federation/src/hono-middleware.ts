import type { NodeEnv } from "@dynamo/web";
import type { MiddlewareHandler } from "hono";
import type { NodeFederation } from "./federation.ts";

/** The paths Fedify answers: actors, inboxes, collections, WebFinger, NodeInfo. */
const FEDERATION_PATH = /^\/(?:ap\/|ap$|\.well-known\/(?:webfinger|nodeinfo)$|nodeinfo\/)/;

/**
 * Hands federation requests of a resolved tenant to Fedify (mount after tenant resolution).
 * The request reaches Fedify under the tenant's canonical origin, so actor ids and signature
 * checks use the address peers know even behind a TLS-terminating proxy. Whatever Fedify does
 * not serve (unknown path, an HTML reader) falls through to the node's own routes.
 */
export function federationMiddleware(federation: NodeFederation): MiddlewareHandler<NodeEnv> {
  return async (c, next) => {
    const tenant = c.var.tenant;
    if (tenant === undefined || !FEDERATION_PATH.test(c.req.path)) return next();
    const incoming = new URL(c.req.url);
    const url = new URL(incoming.pathname + incoming.search, federation.originOf(tenant));
    const hasBody = c.req.method !== "GET" && c.req.method !== "HEAD";
    const request = new Request(url, {
      method: c.req.method,
      headers: c.req.raw.headers,
      body: hasBody ? await c.req.arrayBuffer() : undefined,
    });
    const fallThrough = async () => {
      await next();
      return c.res;
    };
    return federation.fedify.fetch(request, {
      contextData: { tenant },
      onNotFound: fallThrough,
      onNotAcceptable: fallThrough,
    });
  };
}

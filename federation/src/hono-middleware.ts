import type { NodeEnv } from "@dynamo/web";
import type { MiddlewareHandler } from "hono";
import type { NodeFederation } from "./federation.ts";
import { asProblem } from "./problem.ts";
import { CONTEXTS_PATH, servedContext, withOwnContexts } from "./vocab/wire-form.ts";

/** The paths Fedify answers: actors, inboxes, collections, WebFinger, NodeInfo. */
const FEDERATION_PATH = /^\/(?:ap\/|ap$|\.well-known\/(?:webfinger|nodeinfo)$|nodeinfo\/)/;
const JSON_LD = /^application\/(?:activity|ld)\+json/;

/**
 * Hands federation requests of a resolved tenant to Fedify (mount after tenant resolution).
 * The request reaches Fedify under the tenant's canonical origin, so actor ids and signature
 * checks use the address peers know even behind a TLS-terminating proxy. Whatever Fedify does
 * not serve (unknown path, an HTML reader) falls through to the node's own routes. Every
 * document Fedify serves names only contexts a fediverse server knows, or the node's own copies
 * of the others, which the node serves too (/ap/contexts/<name>).
 */
export function federationMiddleware(federation: NodeFederation): MiddlewareHandler<NodeEnv> {
  return async (c, next) => {
    const tenant = c.get("tenant");
    if (tenant === undefined || !FEDERATION_PATH.test(c.req.path)) return next();
    const origin = federation.originOf(tenant);
    if (c.req.path.startsWith(CONTEXTS_PATH) && c.req.method === "GET") {
      const context = servedContext(c.req.path.slice(CONTEXTS_PATH.length));
      if (context === undefined) return next();
      return c.json(context as object, 200, {
        "content-type": "application/ld+json",
        "cache-control": "public, max-age=86400",
      });
    }
    const incoming = new URL(c.req.url);
    const url = new URL(incoming.pathname + incoming.search, origin);
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
    const response = await federation.fedify.fetch(request, {
      contextData: { tenant },
      onNotFound: fallThrough,
      onNotAcceptable: fallThrough,
    });
    if (!response.ok) return response === c.res ? response : asProblem(response);
    if (c.req.method !== "GET" || !JSON_LD.test(response.headers.get("content-type") ?? "")) return response;
    const json = withOwnContexts(await response.json(), origin.origin);
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(json), { status: response.status, headers });
  };
}

import type { NetworkServices } from "@dynamo/federation";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security, signedIn } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { deliveryJson, peeringProblem, peerJson, publicationJson, publicationProblem, summaryJson } from "./respond.ts";
import {
  DeliveryStatusSchema,
  NewPublicationSchema,
  PeeringDecisionSchema,
  PeeringEndSchema,
  PeeringRequestSchema,
  PeerSchema,
  PublicationSchema,
} from "./schemas.ts";

const tags = ["federation"];
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });

const listPeersRoute = createRoute({
  method: "get",
  path: "/api/peers",
  operationId: "listPeers",
  summary: "The tenant's peerings with other nodes and where each stands",
  tags,
  security,
  middleware: [authorize("peers.list")] as const,
  responses: {
    200: { description: "The peers", content: json(z.object({ peers: z.array(PeerSchema) })) },
    ...problemResponses(401, 403),
  },
});

const requestPeeringRoute = createRoute({
  method: "post",
  path: "/api/peers",
  operationId: "requestPeering",
  summary: "Ask another node's actor (the hub, a region) to peer: a signed Follow",
  tags,
  security,
  middleware: [authorize("peers.manage")] as const,
  request: { body: body(PeeringRequestSchema) },
  responses: { 202: { description: "Asked", content: json(PeerSchema) }, ...problemResponses(400, 401, 403, 409) },
});

const decidePeeringRoute = createRoute({
  method: "post",
  path: "/api/peers/decision",
  operationId: "decidePeering",
  summary: "Approve (Accept) or refuse (Reject) a pending peering request",
  tags,
  security,
  middleware: [authorize("peers.manage")] as const,
  request: { body: body(PeeringDecisionSchema) },
  responses: {
    200: { description: "Decided", content: json(PeerSchema) },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const endPeeringRoute = createRoute({
  method: "post",
  path: "/api/peers/end",
  operationId: "endPeering",
  summary: "End a peering or withdraw a request (Undo of our Follow, or Reject of theirs)",
  tags,
  security,
  middleware: [authorize("peers.manage")] as const,
  request: { body: body(PeeringEndSchema) },
  responses: { 200: { description: "Ended", content: json(PeerSchema) }, ...problemResponses(400, 401, 403, 404, 409) },
});

const listPublicationsRoute = createRoute({
  method: "get",
  path: "/api/publications",
  operationId: "listPublications",
  summary: "Published articles, the tenant's own and its peers' (public)",
  tags,
  request: { query: z.object({ local: z.enum(["true", "false"]).optional() }) },
  responses: {
    200: { description: "The publications", content: json(z.object({ publications: z.array(PublicationSchema) })) },
  },
});

const createPublicationRoute = createRoute({
  method: "post",
  path: "/api/publications",
  operationId: "createPublication",
  summary: "Publish an article in one or more languages; every peer receives a Create",
  tags,
  security,
  middleware: [authorize("publications.create")] as const,
  request: { body: body(NewPublicationSchema) },
  responses: {
    201: { description: "Published", content: json(PublicationSchema) },
    ...problemResponses(400, 401, 403),
  },
});

const PublicationId = z.object({ id: z.string().uuid() });

const updatePublicationRoute = createRoute({
  method: "put",
  path: "/api/publications/{id}",
  operationId: "updatePublication",
  summary: "Change one of the tenant's articles; every peer receives an Update",
  tags,
  security,
  middleware: [authorize("publications.create")] as const,
  request: { params: PublicationId, body: body(NewPublicationSchema) },
  responses: {
    200: { description: "Changed", content: json(PublicationSchema) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const deletePublicationRoute = createRoute({
  method: "delete",
  path: "/api/publications/{id}",
  operationId: "deletePublication",
  summary: "Withdraw one of the tenant's articles; every peer receives a Delete",
  tags,
  security,
  middleware: [authorize("publications.create")] as const,
  request: { params: PublicationId },
  responses: { 204: { description: "Withdrawn" }, ...problemResponses(401, 403, 404) },
});

const deliveryStatusRoute = createRoute({
  method: "get",
  path: "/api/delivery-status",
  operationId: "getDeliveryStatus",
  summary:
    "Per peer: queued, retrying (attempt, next try), delivered, refused and why, unreachable since; refused incoming messages",
  tags,
  security,
  middleware: [authorize("delivery.read")] as const,
  request: { query: z.object({ peer: z.string().url().optional() }) },
  responses: { 200: { description: "The status", content: json(DeliveryStatusSchema) }, ...problemResponses(401, 403) },
});

const catchUpRoute = createRoute({
  method: "post",
  path: "/api/catch-up",
  operationId: "catchUp",
  summary: "Read every active peer's outbox now and apply what this tenant missed",
  tags,
  security,
  middleware: [authorize("peers.manage")] as const,
  responses: {
    200: {
      description: "What was read and applied, per peer",
      content: json(
        z.object({
          reports: z.array(
            z.object({ peer: z.string(), read: z.number(), applied: z.number(), error: z.string().optional() }),
          ),
        }),
      ),
    },
    ...problemResponses(401, 403),
  },
});

/** The network API: peering, publications, delivery status. */
export function mountNetworkApi(router: OpenAPIHono<TenantEnv>, network: NetworkServices): void {
  router.openapi(listPeersRoute, async (c) =>
    c.json({ peers: (await network.listPeers(c.get("tenant"))).map(peerJson) }, 200),
  );

  router.openapi(requestPeeringRoute, async (c) => {
    const result = await network.requestPeering(c.get("tenant"), signedIn(c).person.id, c.req.valid("json").actor);
    if (!result.ok) return peeringProblem(c, result.error);
    return c.json(peerJson(result.value), 202);
  });

  router.openapi(decidePeeringRoute, async (c) => {
    const { actor, decision, reason } = c.req.valid("json");
    const result = await network.decidePeering(c.get("tenant"), signedIn(c).person.id, actor, decision, reason ?? null);
    if (!result.ok) return peeringProblem(c, result.error);
    await c.get("audit")({ action: `peering.${decision}`, target: { type: "peer", id: actor }, details: { reason } });
    return c.json(peerJson(result.value), 200);
  });

  router.openapi(endPeeringRoute, async (c) => {
    const { actor, reason } = c.req.valid("json");
    const result = await network.endPeering(c.get("tenant"), signedIn(c).person.id, actor, reason ?? null);
    if (!result.ok) return peeringProblem(c, result.error);
    await c.get("audit")({ action: "peering.end", target: { type: "peer", id: actor }, details: { reason } });
    return c.json(peerJson(result.value), 200);
  });

  router.openapi(listPublicationsRoute, async (c) => {
    const tenant = c.get("tenant");
    const publications = await network.listPublications(tenant, { localOnly: c.req.valid("query").local === "true" });
    return c.json(
      {
        publications: publications.map((p) =>
          publicationJson(p, p.local ? network.publicationUrls(tenant, p.id).url : null),
        ),
      },
      200,
    );
  });

  router.openapi(createPublicationRoute, async (c) => {
    const result = await network.createPublication(c.get("tenant"), c.req.valid("json"));
    if (!result.ok) return publicationProblem(c, result.error);
    return c.json(publicationJson(result.value, network.publicationUrls(c.get("tenant"), result.value.id).url), 201);
  });

  router.openapi(updatePublicationRoute, async (c) => {
    const { id } = c.req.valid("param");
    const result = await network.updatePublication(c.get("tenant"), id, c.req.valid("json"));
    if (!result.ok) return publicationProblem(c, result.error);
    return c.json(publicationJson(result.value, network.publicationUrls(c.get("tenant"), id).url), 200);
  });

  router.openapi(deletePublicationRoute, async (c) => {
    const result = await network.deletePublication(c.get("tenant"), c.req.valid("param").id);
    if (!result.ok) return publicationProblem(c, result.error);
    return c.body(null, 204);
  });

  router.openapi(deliveryStatusRoute, async (c) => {
    const status = await network.deliveryStatus(c.get("tenant"), { peerActorId: c.req.valid("query").peer });
    return c.json(
      {
        peers: status.peers.map(summaryJson),
        deliveries: status.deliveries.map(deliveryJson),
        refusals: status.refusals.map((r) => ({ ...r, at: r.at.toISOString() })),
      },
      200,
    );
  });

  router.openapi(catchUpRoute, async (c) => c.json({ reports: await network.catchUp(c.get("tenant")) }, 200));
}

import { type FediverseError, MAX_ICON_BYTES, type NetworkServices } from "@dynamo/federation";
import type { Translator } from "@dynamo/ui";
import { authorize, problem, problemResponses, security, signedIn, type TenantEnv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";

const tags = ["fediverse"];
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });
const date = z.string().openapi({ format: "date-time" });
const texts = z
  .object({ fr: z.string().max(2000), en: z.string().max(2000), es: z.string().max(2000), pt: z.string().max(2000) })
  .partial();

const ProfileSchema = z
  .object({
    summaries: texts,
    discoverable: z.boolean(),
    icon: z.object({ url: z.string(), mediaType: z.string(), own: z.boolean() }),
  })
  .openapi("FediverseProfile");
const ProfileChangeSchema = z
  .object({ summaries: texts.optional(), discoverable: z.boolean().optional() })
  .openapi("FediverseProfileChange");
const IconSchema = z
  .object({
    data: z
      .string()
      .max(Math.ceil((MAX_ICON_BYTES * 4) / 3) + 8)
      .openapi({ description: "the image, base64" }),
  })
  .openapi("FediverseIcon");
const FollowerSchema = z
  .object({ actor: z.string(), server: z.string(), name: z.string().nullable(), since: date })
  .openapi("FediverseFollower");
const BlockedSchema = z
  .object({ server: z.string(), reason: z.string().nullable(), blockedAt: date })
  .openapi("BlockedServer");
const BlockSchema = z
  .object({ server: z.string().min(1).max(300), reason: z.string().trim().max(500).optional() })
  .openapi("BlockServer");

const getProfileRoute = createRoute({
  method: "get",
  path: "/api/fediverse/profile",
  operationId: "getFediverseProfile",
  summary: "How the tenant's actor presents itself on the fediverse: summary, discoverable, logo",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  responses: { 200: { description: "The profile", content: json(ProfileSchema) }, ...problemResponses(401, 403) },
});
const updateProfileRoute = createRoute({
  method: "put",
  path: "/api/fediverse/profile",
  operationId: "updateFediverseProfile",
  summary: "Change the summary (per language) or whether the profile is discoverable; followers' servers are told",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  request: { body: body(ProfileChangeSchema) },
  responses: { 200: { description: "Saved", content: json(ProfileSchema) }, ...problemResponses(400, 401, 403) },
});
const setIconRoute = createRoute({
  method: "put",
  path: "/api/fediverse/profile/icon",
  operationId: "setFediverseIcon",
  summary: "Set the logo (PNG, JPEG, WebP or GIF, at most 512 KB), base64",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  request: { body: body(IconSchema) },
  responses: { 200: { description: "Saved", content: json(ProfileSchema) }, ...problemResponses(400, 401, 403, 422) },
});
const removeIconRoute = createRoute({
  method: "delete",
  path: "/api/fediverse/profile/icon",
  operationId: "removeFediverseIcon",
  summary: "Show the network's logo again",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  responses: { 200: { description: "Saved", content: json(ProfileSchema) }, ...problemResponses(401, 403) },
});
const listFollowersRoute = createRoute({
  method: "get",
  path: "/api/fediverse/followers",
  operationId: "listFediverseFollowers",
  summary: "Fediverse readers following the tenant's public publications (not peers; trusted with nothing)",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  responses: {
    200: {
      description: "The followers",
      content: json(z.object({ total: z.number().int(), followers: z.array(FollowerSchema) })),
    },
    ...problemResponses(401, 403),
  },
});
const listBlockedRoute = createRoute({
  method: "get",
  path: "/api/fediverse/blocked-servers",
  operationId: "listBlockedServers",
  summary: "Servers whose follows the tenant refuses",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  responses: {
    200: { description: "The servers", content: json(z.object({ servers: z.array(BlockedSchema) })) },
    ...problemResponses(401, 403),
  },
});
const blockRoute = createRoute({
  method: "post",
  path: "/api/fediverse/blocked-servers",
  operationId: "blockServer",
  summary: "Block a server: its followers are removed, its follows and messages refused",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  request: { body: body(BlockSchema) },
  responses: {
    201: {
      description: "Blocked",
      content: json(z.object({ server: z.string(), followersRemoved: z.number().int() })),
    },
    ...problemResponses(400, 401, 403, 409),
  },
});
const unblockRoute = createRoute({
  method: "delete",
  path: "/api/fediverse/blocked-servers/{server}",
  operationId: "unblockServer",
  summary: "Unblock a server",
  tags,
  security,
  middleware: [authorize("fediverse.manage")] as const,
  request: { params: z.object({ server: z.string().max(300) }) },
  responses: { 204: { description: "Unblocked" }, ...problemResponses(401, 403, 404) },
});

export function fediverseMessage(t: Translator, error: FediverseError): string {
  switch (error.kind) {
    case "icon-not-an-image":
      return t("federation.error.icon-not-an-image");
    case "icon-too-large":
      return t("federation.error.icon-too-large", { size: Math.round(error.maxBytes / 1024) });
    case "invalid-server":
      return t("federation.error.invalid-server", { server: error.server });
    case "server-is-a-peer":
      return t("federation.error.server-is-a-peer", { server: error.server });
    case "not-found":
      return t("problem.not-found");
  }
}

/** The one mapping from a fediverse settings failure to its problem. */
export function fediverseProblem(c: Context<TenantEnv>, error: FediverseError): Response {
  const detail = fediverseMessage(c.get("t"), error);
  switch (error.kind) {
    case "icon-not-an-image":
    case "icon-too-large":
    case "server-is-a-peer":
      return problem(c, error.kind, { detail });
    case "invalid-server":
      return problem(c, "validation", {
        errors: [{ field: "server", pointer: "/server", code: error.kind, message: detail }],
      });
    case "not-found":
      return problem(c, "not-found");
  }
}

async function profileJson(network: NetworkServices, c: Context<TenantEnv>) {
  const profile = await network.fediverseProfile(c.get("tenant"));
  const actor = c.get("tenant").slug;
  return {
    summaries: profile.summaries,
    discoverable: profile.discoverable,
    icon: {
      url: `/ap/actors/${actor}/icon`,
      mediaType: profile.icon?.mediaType ?? "image/png",
      own: profile.icon !== null,
    },
  };
}

/** The API of the tenant's face on the fediverse: its profile, its followers, the servers it blocks. */
export function mountFediverseApi(router: OpenAPIHono<TenantEnv>, network: NetworkServices): void {
  router.openapi(getProfileRoute, async (c) => c.json(await profileJson(network, c), 200));

  router.openapi(updateProfileRoute, async (c) => {
    const result = await network.updateFediverseProfile(c.get("tenant"), c.req.valid("json"));
    if (!result.ok) return fediverseProblem(c, result.error);
    return c.json(await profileJson(network, c), 200);
  });

  router.openapi(setIconRoute, async (c) => {
    const bytes = new Uint8Array(Buffer.from(c.req.valid("json").data, "base64"));
    const result = await network.updateFediverseProfile(c.get("tenant"), { icon: bytes });
    if (!result.ok) return fediverseProblem(c, result.error);
    return c.json(await profileJson(network, c), 200);
  });

  router.openapi(removeIconRoute, async (c) => {
    await network.updateFediverseProfile(c.get("tenant"), { icon: null });
    return c.json(await profileJson(network, c), 200);
  });

  router.openapi(listFollowersRoute, async (c) => {
    const { followers, total } = await network.listFediverseFollowers(c.get("tenant"));
    return c.json(
      {
        total,
        followers: followers.map((f) => ({
          actor: f.actorId,
          server: f.server,
          name: f.name,
          since: f.since.toISOString(),
        })),
      },
      200,
    );
  });

  router.openapi(listBlockedRoute, async (c) => {
    const servers = await network.listBlockedServers(c.get("tenant"));
    return c.json(
      { servers: servers.map((s) => ({ server: s.server, reason: s.reason, blockedAt: s.blockedAt.toISOString() })) },
      200,
    );
  });

  router.openapi(blockRoute, async (c) => {
    const { server, reason } = c.req.valid("json");
    const result = await network.blockServer(c.get("tenant"), signedIn(c).person.id, server, reason ?? null);
    if (!result.ok) return fediverseProblem(c, result.error);
    return c.json(result.value, 201);
  });

  router.openapi(unblockRoute, async (c) => {
    const result = await network.unblockServer(c.get("tenant"), c.req.valid("param").server);
    if (!result.ok) return fediverseProblem(c, result.error);
    return c.body(null, 204);
  });
}

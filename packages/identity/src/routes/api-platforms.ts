import { pickLocalized } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security, signedIn, toCsv, wantsCsv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { createPlatform, getPlatform, listPlatforms, updatePlatform } from "../services/platforms.ts";
import { identityProblem, platformJson, statusChangeJson } from "./respond.ts";
import { NewPlatformSchema, PlatformChangeSchema, PlatformSchema, StatusChangeSchema } from "./schemas.ts";

const PlatformId = z.object({ id: z.string().uuid() });
const emptyContact = { email: null, phone: null, address: null, website: null };

const listPlatformsRoute = createRoute({
  method: "get",
  path: "/api/platforms",
  operationId: "listPlatforms",
  summary: "The region's national platforms (as CSV with ?format=csv or Accept: text/csv)",
  tags: ["identity"],
  security,
  middleware: [authorize("platforms.list")] as const,
  request: { query: z.object({ format: z.enum(["json", "csv"]).optional() }) },
  responses: {
    200: {
      description: "The platforms",
      content: {
        "application/json": { schema: z.object({ platforms: z.array(PlatformSchema) }) },
        "text/csv": { schema: z.string() },
      },
    },
    ...problemResponses(401, 403),
  },
});

const getPlatformRoute = createRoute({
  method: "get",
  path: "/api/platforms/{id}",
  operationId: "getPlatform",
  summary: "A platform and the history of its status",
  tags: ["identity"],
  security,
  middleware: [authorize("platforms.list")] as const,
  request: { params: PlatformId },
  responses: {
    200: {
      description: "The platform",
      content: {
        "application/json": {
          schema: z.object({ platform: PlatformSchema, history: z.array(StatusChangeSchema) }),
        },
      },
    },
    ...problemResponses(401, 403, 404),
  },
});

const createPlatformRoute = createRoute({
  method: "post",
  path: "/api/platforms",
  operationId: "createPlatform",
  summary: "Register a national platform (one per country in the region)",
  tags: ["identity"],
  security,
  middleware: [authorize("platforms.create")] as const,
  request: { body: { required: true, content: { "application/json": { schema: NewPlatformSchema } } } },
  responses: {
    201: { description: "Registered", content: { "application/json": { schema: PlatformSchema } } },
    ...problemResponses(400, 401, 403, 409),
  },
});

const updatePlatformRoute = createRoute({
  method: "patch",
  path: "/api/platforms/{id}",
  operationId: "updatePlatform",
  summary: "Edit a platform; a status change needs a reason and joins the history",
  tags: ["identity"],
  security,
  middleware: [authorize("platforms.update")] as const,
  request: {
    params: PlatformId,
    body: { required: true, content: { "application/json": { schema: PlatformChangeSchema } } },
  },
  responses: {
    200: { description: "Changed", content: { "application/json": { schema: PlatformSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function mountPlatformsApi(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.openapi(listPlatformsRoute, async (c) => {
    const platforms = await listPlatforms(identityContext(c, deps));
    if (wantsCsv(c.req.valid("query").format, c.req.header("accept"))) {
      const csv = toCsv(
        [
          "country",
          "name",
          "status",
          "votes",
          "joined_on",
          "contact_email",
          "contact_phone",
          "contact_address",
          "website",
        ],
        platforms.map((p) => [
          p.countryCode,
          pickLocalized(p.names, c.get("locale")) ?? "",
          p.status,
          p.status === "active" ? "yes" : "no",
          p.joinedOn,
          p.contact.email,
          p.contact.phone,
          p.contact.address,
          p.contact.website,
        ]),
      );
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${c.get("tenant").slug}-platforms.csv"`,
      });
    }
    return c.json({ platforms: platforms.map((p) => platformJson(p, c.get("locale"))) }, 200);
  });

  router.openapi(getPlatformRoute, async (c) => {
    const found = await getPlatform(identityContext(c, deps), c.req.valid("param").id);
    if (found === undefined) return identityProblem(c, { kind: "not-found" });
    return c.json(
      { platform: platformJson(found.platform, c.get("locale")), history: found.history.map(statusChangeJson) },
      200,
    );
  });

  router.openapi(createPlatformRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await createPlatform(identityContext(c, deps), signedIn(c), {
      countryCode: body.countryCode,
      names: body.names,
      status: body.status,
      joinedOn: body.joinedOn,
      contact: { ...emptyContact, ...body.contact },
      reason: body.reason,
    });
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(platformJson(result.value, c.get("locale")), 201);
  });

  router.openapi(updatePlatformRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await updatePlatform(identityContext(c, deps), signedIn(c), c.req.valid("param").id, {
      ...body,
      contact: body.contact === undefined ? undefined : { ...emptyContact, ...body.contact },
    });
    if (!result.ok) return identityProblem(c, result.error);
    return c.json(platformJson(result.value, c.get("locale")), 200);
  });
}

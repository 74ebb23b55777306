import { APP_VERSION } from "@dynamo/core";
import type { Database } from "@dynamo/db";
import { appStylesheet } from "@dynamo/ui";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { FieldErrorSchema } from "./api-schemas.ts";
import { mountApiDocs } from "./docs.ts";
import type { NodeEnv } from "./env.ts";
import { withNodeErrors } from "./openapi-errors.ts";
import { describeProblem } from "./problem.tsx";

const Health = z.object({ status: z.literal("ok"), database: z.enum(["postgres", "pglite"]) }).openapi("Health");
const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi("Problem", { description: "An RFC 9457 problem; areas add extension members (e.g. a refusal's reason)" });

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  summary: "Liveness and database reachability",
  tags: ["node"],
  responses: {
    200: { description: "The node and its database answer", content: { "application/json": { schema: Health } } },
    503: { description: "The database does not answer", content: { "application/problem+json": { schema: Problem } } },
  },
});

/** Routes that answer on any host: probes, the API description and static assets. */
export function mountNodeLevelRoutes(app: OpenAPIHono<NodeEnv>, database: Pick<Database, "ping" | "driver">) {
  app.openapi(healthRoute, async (c) => {
    try {
      await database.ping();
      c.header("Cache-Control", "no-store");
      return c.json({ status: "ok" as const, database: database.driver }, 200);
    } catch (error) {
      c.get("logger").error("health check failed: the database does not answer: {error}", { error });
      const unavailable = describeProblem(c, "unavailable", {
        headers: { "Cache-Control": "no-store", "Retry-After": "10" },
      });
      return c.json(unavailable.body, 503, unavailable.headers);
    }
  });

  app.get("/api/openapi.json", (c) =>
    c.json(
      withNodeErrors(
        app.getOpenAPI31Document({
          openapi: "3.1.0",
          info: {
            title: "Dynamo network node API",
            version: APP_VERSION,
            description:
              "The JSON API of a Dynamo International – Street Workers Network node. Errors are RFC 9457 application/problem+json.",
          },
          servers: [{ url: new URL(c.req.url).origin }],
        }),
        "#/components/schemas/Problem",
      ),
    ),
  );
  mountApiDocs(app, "/api/openapi.json");

  app.get("/assets/app.css", (c) =>
    c.body(appStylesheet(), 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );
}

import { pickLocalized, REGION_CODES } from "@dynamo/core";
import { pageFrame, rememberLocale, safeLocalPath, type TenantEnv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { HomeSection } from "../area.ts";
import { HomePage } from "../home-page.tsx";

const TenantInfo = z
  .object({
    slug: z.string(),
    kind: z.enum(["region", "hub"]),
    regionCode: z.enum(REGION_CODES).nullable(),
    name: z.string().openapi({ description: "The tenant's name in the negotiated language" }),
    names: z.record(z.string(), z.string()),
    defaultLocale: z.string(),
  })
  .openapi("Tenant");

const getTenantRoute = createRoute({
  method: "get",
  path: "/api/tenant",
  operationId: "getTenant",
  summary: "The region or hub this host serves (the home page's data)",
  tags: ["node"],
  responses: { 200: { description: "The tenant", content: { "application/json": { schema: TenantInfo } } } },
});

export function mountHomeRoutes(
  app: OpenAPIHono<TenantEnv>,
  options: {
    secureCookies: boolean;
    sections: readonly ((c: Context<TenantEnv>) => Promise<HomeSection | undefined>)[];
  },
) {
  app.get("/", async (c) => {
    const { tenant } = c.var;
    const sections: HomeSection[] = [];
    for (const section of options.sections) {
      const found = await section(c);
      if (found !== undefined) sections.push(found);
    }
    // The page names the signed-in person: never kept by a shared cache.
    if (sections.length > 0 || c.var.auth) c.header("Cache-Control", "no-store");
    return c.html(
      `<!doctype html>${(
        <HomePage
          frame={pageFrame(c, "/")}
          tenantKind={tenant.kind}
          regionCode={tenant.regionCode}
          sections={sections}
        />
      )}`,
    );
  });

  app.openapi(getTenantRoute, (c) => {
    const { tenant, locale } = c.var;
    return c.json(
      {
        slug: tenant.slug,
        kind: tenant.kind,
        regionCode: tenant.regionCode,
        name: pickLocalized(tenant.names, locale) ?? tenant.slug,
        names: Object.fromEntries(Object.entries(tenant.names).filter((e): e is [string, string] => !!e[1])),
        defaultLocale: tenant.defaultLocale,
      },
      200,
    );
  });

  /** The language links in every page's footer: remember the choice, go back where we were. */
  app.get("/locale/:locale", (c) => {
    const chosen = rememberLocale(c, c.req.param("locale"), options.secureCookies);
    if (!chosen) return c.notFound();
    return c.redirect(safeLocalPath(c.req.query("next")), 303);
  });
}

import { pickLocalized, REGION_CODES } from "@dynamo/core";
import { pageFrame, rememberLocale, safeLocalPath, type TenantEnv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { collectHome, type HomeItemsSource, homeViewer } from "../home.ts";
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

/** The signed-in person's home: every area's items for them (undefined for a visitor). */
async function homeOf(c: Context<TenantEnv>, options: { clock: () => Date; homeItems: readonly HomeItemsSource[] }) {
  const { auth, tenant, locale, t, site } = c.var;
  if (auth === undefined) return undefined;
  const viewer = homeViewer({
    policy: site.policy,
    tenant,
    person: auth.person,
    principal: auth.principal,
    locale,
    t,
    now: options.clock(),
  });
  return { ...(await collectHome(options.homeItems, viewer)), name: auth.person.displayName };
}

export function mountHomeRoutes(
  app: OpenAPIHono<TenantEnv>,
  options: {
    secureCookies: boolean;
    clock: () => Date;
    homeItems: readonly HomeItemsSource[];
  },
) {
  app.get("/", async (c) => {
    const { tenant } = c.var;
    const home = await homeOf(c, options);
    // The page names the signed-in person: never kept by a shared cache.
    if (c.get("auth")) c.header("Cache-Control", "no-store");
    return c.html(
      `<!doctype html>${<HomePage frame={pageFrame(c, "/")} tenantKind={tenant.kind} regionCode={tenant.regionCode} home={home} />}`,
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

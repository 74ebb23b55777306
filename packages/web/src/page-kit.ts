import { type Action, may, pickLocalized } from "@dynamo/core";
import type { FrameProps, NavItem } from "@dynamo/ui";
import type { Context } from "hono";
import type { RequestAuth, TenantEnv } from "./env.ts";

export type Frame = Omit<FrameProps, "title" | "children">;

/** What every page's frame needs: the site, the navigation the person may use, their account. */
export function pageFrame(c: Context<TenantEnv>, currentPath: string): Frame {
  const { tenant, t, auth } = c.var;
  return {
    t,
    siteName: pickLocalized(tenant.names, t.locale) ?? tenant.slug,
    currentPath,
    nav: siteNav(c, currentPath),
    viewer: auth ? { displayName: auth.person.displayName } : undefined,
    csrfToken: c.get("csrfToken"),
  };
}

export function mayDo(c: Context<TenantEnv>, action: Action): boolean {
  return may(c.get("site").policy, c.get("principal"), action, c.get("tenant")).allowed;
}

/** The site's one navigation, every area's entries: each person sees those the policy lets them use here. */
export function siteNav(c: Context<TenantEnv>, currentPath: string): NavItem[] {
  const { tenant, t, site } = c.var;
  return site.navigation
    .filter(
      (entry) =>
        (entry.kind === undefined || entry.kind === tenant.kind) &&
        (entry.action === undefined || mayDo(c, entry.action)),
    )
    .map((entry) => ({
      href: entry.href,
      label: t(entry.label),
      current:
        entry.href === "/"
          ? currentPath === "/"
          : currentPath === entry.href || currentPath.startsWith(`${entry.href}/`),
    }));
}

/** A server-rendered page; pages with a person's data are never cached by a shared cache. */
export function renderPage(
  c: Context<TenantEnv>,
  page: unknown,
  status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 410 | 429 = 200,
) {
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${page}`, status);
}

export const orNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

/** The signed-in person of a route that declared a non-public action: set, or a bug. */
export function signedIn(c: Context<TenantEnv>): RequestAuth {
  const auth = c.get("auth");
  if (auth === undefined) throw new Error(`route ${c.req.path} reached without a session`);
  return auth;
}

import { type Action, may } from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import type { MessageKey, NavItem } from "@dynamo/ui";
import type { Context } from "hono";

interface NavEntry {
  href: string;
  label: MessageKey;
  /** Shown to everyone when absent; otherwise to those the policy allows this action. */
  action?: Action;
  kind?: "region" | "hub";
}

/**
 * The site's one navigation, every area's pages in one list: each person sees the entries the
 * policy lets them use on this tenant. An area adds its pages here, not in its own frame.
 */
const ENTRIES: readonly NavEntry[] = [
  { href: "/", label: "nav.home" },
  { href: "/publications", label: "federation.nav.publications" },
  { href: "/ballots", label: "ballots.nav.ballots", action: "ballots.list" },
  { href: "/reports", label: "reports.nav.reports", action: "reports.read", kind: "region" },
  { href: "/hub/reporting", label: "reports.nav.reporting", action: "reports.dashboard", kind: "hub" },
  { href: "/admin/platforms", label: "identity.nav.platforms", action: "platforms.list" },
  { href: "/admin/members", label: "identity.nav.members", action: "members.list" },
  { href: "/admin/publications", label: "federation.nav.publications.admin", action: "publications.create" },
  { href: "/admin/peers", label: "federation.nav.peers", action: "peers.list" },
  { href: "/admin/delivery", label: "federation.nav.delivery", action: "delivery.read" },
  { href: "/admin/audit", label: "identity.nav.audit", action: "audit.read" },
  { href: "/me", label: "identity.nav.profile", action: "profile.read" },
];

export function siteNav(c: Context<TenantEnv>, currentPath: string): NavItem[] {
  const { tenant, principal, t } = c.var;
  return ENTRIES.filter(
    (entry) =>
      (entry.kind === undefined || entry.kind === tenant.kind) &&
      (entry.action === undefined || may(principal, entry.action, tenant).allowed),
  ).map((entry) => ({
    href: entry.href,
    label: t(entry.label),
    current:
      entry.href === "/" ? currentPath === "/" : currentPath === entry.href || currentPath.startsWith(`${entry.href}/`),
  }));
}

import { defineArea } from "@dynamo/node";
import { createPlatformRepo } from "./db/platforms.ts";
import { identityMessages } from "./messages.ts";
import { identityDeps, mountIdentityMiddleware, mountIdentityRoutes } from "./mount.ts";
import { identityPolicy } from "./policy.ts";
import { identityProblems } from "./problems.ts";

/**
 * The identity area: people, national platforms, roles, login and sessions, invitations, the
 * audit log. It finds who is asking before every other area's routes, and gives federation the
 * region's platforms (their actors, the roster).
 */
export const identityArea = defineArea({
  name: "identity",
  messages: identityMessages,
  problems: identityProblems,
  policy: identityPolicy,
  navigation: [
    { href: "/admin/platforms", label: "identity.nav.platforms", action: "platforms.list", order: 40 },
    { href: "/admin/members", label: "identity.nav.members", action: "members.list", order: 50 },
    { href: "/admin/audit", label: "identity.nav.audit", action: "audit.read", order: 90 },
    { href: "/me", label: "identity.nav.profile", action: "profile.read", order: 100 },
  ],
  platforms: {
    list: (db, tenant) => createPlatformRepo(db, tenant.id).list(),
    findByCountry: (db, tenant, countryCode) => createPlatformRepo(db, tenant.id).findByCountry(countryCode),
  },
  create(kernel) {
    const deps = identityDeps({
      db: kernel.db,
      nodeSecret: kernel.config.nodeSecret,
      publicUrl: kernel.config.publicUrl,
      trustProxy: kernel.config.trustProxy,
      clock: kernel.clock,
      newId: kernel.newId,
      mailer: kernel.mailer,
    });
    return {
      middleware: (router) => mountIdentityMiddleware(router, deps),
      routes: (router) => mountIdentityRoutes(router, deps),
    };
  },
});

import { defineArea } from "@dynamo/node";
import { mergeCatalogs } from "@dynamo/ui";
import { getLogger } from "@logtape/logtape";
import { createPlatformRepo } from "./db/platforms.ts";
import { identityHomeItems } from "./home-items.ts";
import { identityMessages } from "./messages.ts";
import { identityDeps, mountIdentityMiddleware, mountIdentityRoutes } from "./mount.ts";
import { identityPolicy } from "./policy.ts";
import { identityProblems } from "./problems.ts";
import { announceSetupLink } from "./setup/setup-link.ts";
import { setupMessages } from "./setup/setup-messages.ts";
import { mountSetupRoutes } from "./setup/setup-routes.tsx";

/**
 * The identity area: people, national platforms, roles, login and sessions, invitations, the
 * audit log, the first-run setup. It finds who is asking before every other area's routes, and gives federation the
 * region's platforms (their actors, the roster).
 */
export const identityArea = defineArea({
  name: "identity",
  messages: mergeCatalogs([identityMessages, setupMessages]),
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
    const setup = {
      db: kernel.db,
      kind: kernel.kind,
      nodeSecret: kernel.config.nodeSecret,
      publicUrl: kernel.config.publicUrl,
      clock: kernel.clock,
      newId: kernel.newId,
    };
    return {
      middleware: (router) => mountIdentityMiddleware(router, deps),
      routes: (router) => mountIdentityRoutes(router, deps),
      nodeRoutes: (app) => mountSetupRoutes(app, setup),
      homeItems: identityHomeItems,
      start() {
        const announced = announceSetupLink(setup).catch((error) => {
          getLogger(["dynamo", "identity"]).error("could not check for a first run: {error}", { error });
        });
        return { stop: async () => void (await announced) };
      },
    };
  },
});

import type { Db } from "@dynamo/db";
import type { Mailer } from "@dynamo/mail";
import type { TenantEnv } from "@dynamo/web";
import { clientAddress } from "@dynamo/web";
import type { Context } from "hono";
import type { IdentityKeys } from "./crypto/keys.ts";
import type { IdentityContext } from "./services/context.ts";

/** What the identity area needs from the node. */
export interface IdentityDeps {
  db: Db;
  keys: IdentityKeys;
  clock: () => Date;
  newId: () => string;
  trustProxy: boolean;
  /** The node is reached over https: cookies are Secure and __Host- prefixed. */
  secureCookies: boolean;
  /** http or https, for the links given to invited people (the host is the tenant's). */
  publicScheme: "http" | "https";
  /** With SMTP settings: invitation and reset links are also emailed to the person. */
  mailer?: Mailer | undefined;
}

/** The use-cases' context for one request. */
export function identityContext(c: Context<TenantEnv>, deps: IdentityDeps): IdentityContext {
  return {
    db: deps.db,
    tenant: c.get("tenant"),
    keys: deps.keys,
    clock: deps.clock,
    newId: deps.newId,
    logger: c.get("logger"),
    meta: { clientAddress: clientAddress(c, deps.trustProxy), requestId: c.get("requestId") ?? null },
  };
}

import type { Person, Principal, Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { Logger } from "@logtape/logtape";
import type { IdentityKeys } from "../crypto/keys.ts";

/** What every identity use-case gets: the tenant it works in and the request's circumstances. */
export interface IdentityContext {
  db: Db;
  tenant: Tenant;
  keys: IdentityKeys;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  /** Where the request came from, for the audit log. */
  meta: { clientAddress: string | null; requestId: string | null };
}

/** The signed-in person acting. */
export interface Actor {
  principal: Principal;
  person: Person;
  sessionId: string;
}

import type { Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { Exchange } from "@dynamo/federation";
import type { Logger } from "@logtape/logtape";

/** What the network-life area needs from the node. */
export interface LifeDeps {
  db: Db;
  clock: () => Date;
  newId: () => string;
  exchange: Exchange;
}

/** The use-cases' context for one tenant. */
export interface LifeContext extends LifeDeps {
  tenant: Tenant;
  logger: Logger;
}

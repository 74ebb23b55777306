import type { Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { AreaEvents } from "@dynamo/node";
import type { RecordAudit } from "@dynamo/web";
import type { Logger } from "@logtape/logtape";
import type { HashFunction } from "./domain/chain.ts";
import type { BallotsNetwork } from "./network.ts";

/** What the ballots area needs from the node. */
export interface BallotsDeps {
  db: Db;
  clock: () => Date;
  newId: () => string;
  /** SHA-256 in hex: the vote chain, receipts. */
  hash: HashFunction;
  /** A fresh random nonce per receipt. */
  nonce: () => string;
  /** The ballots' port on the node's federation (a ballot opens only to peered regions). */
  network: BallotsNetwork;
  /** Records the ballots' events (a ballot closed, with its outcome) for the areas that subscribe. */
  events: AreaEvents;
}

/** The use-cases' context for one tenant. */
export interface BallotsContext extends BallotsDeps {
  tenant: Tenant;
  logger: Logger;
  /** Within a request: records its person's governance actions in the audit log. */
  audit?: RecordAudit;
}

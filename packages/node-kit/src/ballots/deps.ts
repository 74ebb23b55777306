import type { Db } from "@dynamo/db";
import type { HashFunction, Tenant } from "@dynamo/domain";
import type { Logger } from "@logtape/logtape";
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
  /** Unset on a node without federation: opening, voting and tallying are refused as not peered. */
  network: BallotsNetwork | undefined;
}

/** The use-cases' context for one tenant. */
export interface BallotsContext extends BallotsDeps {
  tenant: Tenant;
  logger: Logger;
}

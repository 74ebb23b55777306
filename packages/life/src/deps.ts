import type { IpgQuestion } from "@dynamo/ballots";
import type { Result, Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { Exchange } from "@dynamo/federation";
import type { Logger } from "@logtape/logtape";

/** Opens an IPG ballot through the ballots area's entry point (the hub); its outcome comes back as `ballot.closed`. */
export type OpenBallot = (
  tenant: Tenant,
  actor: { personId: string; name: string },
  question: IpgQuestion,
) => Promise<Result<{ ballotId: string; uri: string }, { kind: string }>>;

/** What the network-life area needs from the node. */
export interface LifeDeps {
  db: Db;
  clock: () => Date;
  newId: () => string;
  exchange: Exchange;
  /** The IPG documents' and minutes' approval. */
  openBallot: OpenBallot;
}

/** The use-cases' context for one tenant. */
export interface LifeContext extends LifeDeps {
  tenant: Tenant;
  logger: Logger;
}

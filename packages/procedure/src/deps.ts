import type { IpgQuestion } from "@dynamo/ballots";
import type { Result, Tenant } from "@dynamo/core";
import type { Db, DbOrTx } from "@dynamo/db";
import type { Exchange } from "@dynamo/federation";
import type { PdfRenderer } from "@dynamo/web";
import type { Logger } from "@logtape/logtape";
import type { HashFunction } from "./domain/version.ts";

/** What the rules of procedure need from the node. */
export interface ProcedureDeps {
  db: Db;
  clock: () => Date;
  newId: () => string;
  /** SHA-256 in hex: the hash chain of versions. */
  hash: HashFunction;
  /** Signed documents and the outbox: amendments to the hub, versions and states to the regions. */
  exchange: Exchange;
  /** Opens an IPG ballot through the ballots area's entry point (the hub). */
  openBallot: OpenBallot;
  /** Prints a version's printable page as PDF; unset: the PDF export answers 503, the printable page remains. */
  pdf: PdfRenderer | undefined;
}

export type OpenBallot = (
  tenant: Tenant,
  actor: { personId: string; name: string },
  question: IpgQuestion,
) => Promise<Result<{ ballotId: string; uri: string }, { kind: string }>>;

/** What every use-case needs for one tenant: its database (or transaction), clock, ids, signed sending. */
export interface BaseContext {
  db: DbOrTx;
  clock: () => Date;
  newId: () => string;
  hash: HashFunction;
  exchange: Exchange;
  tenant: Tenant;
  logger: Logger;
}

/** The use-cases' context for one tenant, from a request. */
export interface ProcedureContext extends BaseContext {
  db: Db;
  openBallot: OpenBallot;
}

/** Who asks: a signed-in person of the tenant. */
export interface Asking {
  personId: string;
  name: string;
}

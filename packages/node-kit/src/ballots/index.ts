import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@dynamo/db";
import type { Tenant } from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { getLogger } from "@logtape/logtape";
import type { BallotsDeps } from "./deps.ts";
import { keepBallotMessage } from "./inbox.ts";
import type { BallotsNetwork } from "./network.ts";
import { mountBallotsApi } from "./routes/api.ts";
import { mountBallotPages } from "./routes/pages.tsx";
import { type BallotsWorker, startBallotsWorker } from "./worker.ts";

export type { BallotsDeps } from "./deps.ts";
export type { BallotsNetwork, Recipient, TrustedRegion } from "./network.ts";
export { closeBallot, closeDueBallots } from "./services/hub-tally.ts";
export { type Verification, verifyRollCall } from "./services/region-verify.ts";
export type { ResultPayload } from "./wire.ts";
export type { BallotsWorker } from "./worker.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The ballots area of a node: its use-cases' dependencies, the handler the federation calls for
 * each activity from a trusted peer, the routes, and (at the hub) the tally scheduler. Its
 * network is attached once the node's federation exists (the handler is needed before).
 */
export interface BallotsArea {
  deps: BallotsDeps;
  attach(network: BallotsNetwork): void;
  handle(input: { tx: Tx; tenant: Tenant; json: unknown }): Promise<"handled" | "ignored">;
  mount(router: OpenAPIHono<TenantEnv>): void;
  /**
   * Starts the background work: the kept ballot messages applied; at the hub, ballots counted
   * as they come due (also those that came due while the hub was down).
   */
  start(options?: { intervalMs?: number }): BallotsWorker;
}

export function createBallotsArea(options: {
  db: Db;
  clock?: (() => Date) | undefined;
  newId?: (() => string) | undefined;
}): BallotsArea {
  const deps: BallotsDeps = {
    db: options.db,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    hash: sha256,
    nonce: () => randomBytes(24).toString("base64url"),
    network: undefined,
  };
  const logger = getLogger(["dynamo", "ballots"]);
  let worker: BallotsWorker | undefined;
  return {
    deps,
    attach(network) {
      deps.network = network;
    },
    async handle(input) {
      const kept = await keepBallotMessage(deps, input);
      if (kept === "handled") worker?.wake();
      return kept;
    },
    mount(router) {
      mountBallotsApi(router, deps);
      mountBallotPages(router, deps);
    },
    start(options = {}) {
      worker = startBallotsWorker(deps, logger, options.intervalMs ?? 2_000);
      return worker;
    },
  };
}

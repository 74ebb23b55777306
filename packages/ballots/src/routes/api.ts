import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses as problems, security } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createRoute } from "@hono/zod-openapi";
import type { BallotsDeps } from "../deps.ts";
import { getHubBallot, listBallots } from "../services/hub-ballots.ts";
import { getRegionBallot } from "../services/region-ballots.ts";
import { mountHubBallotsApi } from "./api-hub.ts";
import { Id, json } from "./api-kit.ts";
import { mountRegionBallotsApi } from "./api-region.ts";
import {
  ballotJson,
  ballotProblem,
  ballotsContext,
  castVoteJson,
  delegationJson,
  resultJson,
  signedIn,
  verificationJson,
} from "./respond.ts";

/**
 * The ballots API: the hub's operations (first: its /api/ballots/electorate must come before
 * /api/ballots/{id}), the reads both node kinds answer, and the region's operations.
 */
export function mountBallotsApi(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  mountHubBallotsApi(router, deps);

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/ballots",
      operationId: "listBallots",
      summary: "The ballots: at the hub every one (drafts for the secretariat), at a region those the hub sent",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.list")] as const,
      responses: { 200: json("The ballots"), ...problems(401, 403) },
    }),
    async (c) => {
      const ctx = ballotsContext(c, deps);
      const includeDrafts = c.get("tenant").kind === "hub";
      const ballots = await listBallots(ctx, { includeDrafts });
      return c.json({ ballots: ballots.map((b) => ballotJson(b, c.get("locale"), deps.clock())) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/ballots/{id}",
      operationId: "getBallot",
      summary:
        "A ballot; at the hub with live turnout per region (never choices before the close), at a region with your platform's votes",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.list")] as const,
      request: { params: Id },
      responses: { 200: json("The ballot"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const ctx = ballotsContext(c, deps);
      const id = c.req.valid("param").id;
      const now = deps.clock();
      if (c.get("tenant").kind === "hub") {
        const view = await getHubBallot(ctx, id);
        if (view === undefined) return ballotProblem(c, { kind: "not-found" });
        return c.json(
          {
            ...ballotJson(view.ballot, c.get("locale"), now),
            turnout: view.turnout,
            mandates: view.mandates,
            result: resultJson(view.result),
            ...verificationJson(view),
          },
          200,
        );
      }
      const view = await getRegionBallot(ctx, id, signedIn(c).person.platformId);
      if (view === undefined) return ballotProblem(c, { kind: "not-found" });
      return c.json(
        {
          ...ballotJson(view.ballot, c.get("locale"), now),
          votes: view.votes.map(castVoteJson),
          result: resultJson(view.result),
          platform: view.platformCode,
          mandates: view.mandates,
          delegations: view.delegations.map(delegationJson),
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/ballots/{id}/result",
      operationId: "getBallotResult",
      summary: "A closed ballot's result, with its verification by the regions (hub) or by this region",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.list")] as const,
      request: { params: Id },
      responses: { 200: json("The result"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const ctx = ballotsContext(c, deps);
      const id = c.req.valid("param").id;
      if (c.get("tenant").kind === "hub") {
        const view = await getHubBallot(ctx, id);
        if (view?.result === undefined) return ballotProblem(c, { kind: "not-found" });
        return c.json(
          {
            ...resultJson(view.result),
            ...verificationJson(view),
          },
          200,
        );
      }
      const view = await getRegionBallot(ctx, id, null);
      if (view?.result === undefined) return ballotProblem(c, { kind: "not-found" });
      return c.json(resultJson(view.result), 200);
    },
  );

  mountRegionBallotsApi(router, deps);
}

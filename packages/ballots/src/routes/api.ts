import type { TenantKind } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses as problems, security } from "@dynamo/web";
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import { createRoute } from "@hono/zod-openapi";
import type { BallotsDeps } from "../deps.ts";
import { getHubBallot, listBallots } from "../services/hub-ballots.ts";
import { getRegionBallot } from "../services/region-ballots.ts";
import { mountHubBallotsApi } from "./api-hub.ts";
import { Id } from "./api-kit.ts";
import { mountRegionBallotsApi } from "./api-region.ts";
import {
  BallotListSchema,
  BallotResultSchema,
  HubBallotResultSchema,
  HubBallotSchema,
  RegionBallotSchema,
} from "./ballot-schemas.ts";
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

/** A ballot: the hub's own, or a region's copy (each node kind's document names its own schema). */
const getBallotRoute = <S extends z.ZodType>(schema: S) =>
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
    responses: {
      200: { description: "The ballot", content: { "application/json": { schema } } },
      ...problems(401, 403, 404),
    },
  });

const getBallotResultRoute = <S extends z.ZodType>(schema: S) =>
  createRoute({
    method: "get",
    path: "/api/ballots/{id}/result",
    operationId: "getBallotResult",
    summary: "A closed ballot's result, with its verification by the regions (hub) or by this region",
    tags: ["ballots"],
    security,
    middleware: [authorize("ballots.list")] as const,
    request: { params: Id },
    responses: {
      200: { description: "The result", content: { "application/json": { schema } } },
      ...problems(401, 403, 404),
    },
  });

/**
 * The ballots API: the hub's operations (first: its /api/ballots/electorate must come before
 * /api/ballots/{id}), the reads of this node's kind, and the region's operations.
 */
export function mountBallotsApi(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps, kind: TenantKind): void {
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
      responses: {
        200: { description: "The ballots", content: { "application/json": { schema: BallotListSchema } } },
        ...problems(401, 403),
      },
    }),
    async (c) => {
      const ctx = ballotsContext(c, deps);
      const ballots = await listBallots(ctx, { includeDrafts: kind === "hub" });
      const list = { ballots: ballots.map((b) => ballotJson(b, c.get("locale"), deps.clock())) };
      return c.json(list satisfies z.infer<typeof BallotListSchema>, 200);
    },
  );

  if (kind === "hub") mountHubReads(router, deps);
  else mountRegionReads(router, deps);

  mountRegionBallotsApi(router, deps);
}

function mountHubReads(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  router.openapi(getBallotRoute(HubBallotSchema), async (c) => {
    const view = await getHubBallot(ballotsContext(c, deps), c.req.valid("param").id);
    if (view === undefined) return ballotProblem(c, { kind: "not-found" });
    return c.json(
      {
        ...ballotJson(view.ballot, c.get("locale"), deps.clock()),
        turnout: view.turnout,
        mandates: view.mandates,
        result: view.result === undefined ? null : resultJson(view.result),
        ...verificationJson(view),
      } satisfies z.infer<typeof HubBallotSchema>,
      200,
    );
  });

  router.openapi(getBallotResultRoute(HubBallotResultSchema), async (c) => {
    const view = await getHubBallot(ballotsContext(c, deps), c.req.valid("param").id);
    if (view?.result === undefined) return ballotProblem(c, { kind: "not-found" });
    const result = { ...resultJson(view.result), ...verificationJson(view) } satisfies z.infer<
      typeof HubBallotResultSchema
    >;
    return c.json(result, 200);
  });
}

function mountRegionReads(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  router.openapi(getBallotRoute(RegionBallotSchema), async (c) => {
    const view = await getRegionBallot(ballotsContext(c, deps), c.req.valid("param").id, signedIn(c).person.platformId);
    if (view === undefined) return ballotProblem(c, { kind: "not-found" });
    return c.json(
      {
        ...ballotJson(view.ballot, c.get("locale"), deps.clock()),
        votes: view.votes.map(castVoteJson),
        result: view.result === undefined ? null : resultJson(view.result),
        platform: view.platformCode,
        mandates: view.mandates,
        delegations: view.delegations.map(delegationJson),
      } satisfies z.infer<typeof RegionBallotSchema>,
      200,
    );
  });

  router.openapi(getBallotResultRoute(BallotResultSchema), async (c) => {
    const view = await getRegionBallot(ballotsContext(c, deps), c.req.valid("param").id, null);
    if (view?.result === undefined) return ballotProblem(c, { kind: "not-found" });
    return c.json(resultJson(view.result), 200);
  });
}

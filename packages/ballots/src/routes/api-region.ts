import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses as problems, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { BallotsDeps } from "../deps.ts";
import type { VoteChoice } from "../domain/vote.ts";
import { castVote, getCastVote } from "../services/region-ballots.ts";
import { delegateVote } from "../services/region-proxies.ts";
import { ChoiceSchema } from "../wire.ts";
import { Id, PlatformCode } from "./api-kit.ts";
import { CastVoteSchema, DelegationSchema } from "./api-schemas.ts";
import { ballotProblem, ballotsContext, castVoteJson, delegationJson, signedIn } from "./respond.ts";

/** A platform's operations at its region: voting, delegating its vote, following a vote. */
export function mountRegionBallotsApi(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  router.openapi(
    createRoute({
      method: "post",
      path: "/api/ballots/{id}/votes",
      operationId: "castVote",
      summary: "Cast or change your platform's vote (region; representative, or substitute when allowed)",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.vote")] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                choice: ChoiceSchema,
                onBehalfOf: PlatformCode.optional().openapi({
                  description: "Cast by proxy: the country code of the platform whose mandate your platform holds",
                }),
              }),
            },
          },
        },
      },
      responses: {
        202: {
          description: "Queued for the hub: follow its status",
          content: { "application/json": { schema: CastVoteSchema } },
        },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const auth = signedIn(c);
      const body = c.req.valid("json");
      const result = await castVote(
        ballotsContext(c, deps),
        auth.person,
        c.req.valid("param").id,
        body.choice as VoteChoice,
        {
          onBehalfOf: body.onBehalfOf,
        },
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(castVoteJson(result.value), 202);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/ballots/{id}/proxy",
      operationId: "delegateVote",
      summary:
        "Give your platform's vote to another platform of the electorate, or withdraw it (holder null); the hub's receipt says accepted or refused",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.vote")] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ holder: PlatformCode.nullable() }) } },
        },
      },
      responses: {
        202: {
          description: "Queued for the hub: follow its status",
          content: { "application/json": { schema: DelegationSchema } },
        },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const result = await delegateVote(
        ballotsContext(c, deps),
        signedIn(c).person,
        c.req.valid("param").id,
        c.req.valid("json").holder,
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(delegationJson(result.value), 202);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/ballots/{id}/votes/{voteId}",
      operationId: "getVoteReceipt",
      summary: "A vote you cast and the hub's signed receipt: queued, delivered, counted or refused (and why)",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.vote")] as const,
      request: { params: z.object({ id: z.string().uuid(), voteId: z.string().uuid() }) },
      responses: {
        200: { description: "The vote and its receipt", content: { "application/json": { schema: CastVoteSchema } } },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { id, voteId } = c.req.valid("param");
      const vote = await getCastVote(ballotsContext(c, deps), voteId);
      if (vote === undefined || vote.ballotId !== id || vote.platformId !== signedIn(c).person.platformId) {
        return ballotProblem(c, { kind: "not-found" });
      }
      return c.json(castVoteJson(vote), 200);
    },
  );
}

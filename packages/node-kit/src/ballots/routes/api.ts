import { type BallotRules, type CastBy, defaultBallotRules, type VoteChoice } from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { authorize } from "../../identity/index.ts";
import type { BallotsDeps } from "../deps.ts";
import { cancelBallot, createBallot, getHubBallot, listBallots, openBallot } from "../services/hub-ballots.ts";
import { recordInRoomVote } from "../services/hub-votes.ts";
import { castVote, getCastVote, getRegionBallot } from "../services/region-ballots.ts";
import { CastBySchema, ChoiceSchema, RulesSchema } from "../wire.ts";
import { ballotJson, ballotProblem, ballotsContext, castVoteJson, resultJson, signedIn } from "./respond.ts";

const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const problemContent = {
  "application/problem+json": { schema: z.object({}).passthrough() },
  "text/html": { schema: z.string().openapi({ description: "The same problem as a translated page, for a browser" }) },
};
/** The error responses a route may give, as problem+json (or a translated page for a browser). */
function problems<const S extends readonly (400 | 401 | 403 | 404 | 409 | 422)[]>(
  ...codes: S
): { [K in S[number]]: { description: string; content: typeof problemContent } } {
  return Object.fromEntries(
    codes.map((code) => [code, { description: "A problem (RFC 9457)", content: problemContent }]),
  ) as { [K in S[number]]: { description: string; content: typeof problemContent } };
}
const json = (description: string) => ({
  description,
  content: { "application/json": { schema: z.object({}).passthrough() } },
});
const Id = z.object({ id: z.string().uuid() });
const Localized = z.object({ fr: z.string(), en: z.string(), es: z.string(), pt: z.string() }).partial();

export const NewBallotSchema = z
  .object({
    title: Localized,
    description: Localized.default({}),
    rules: RulesSchema.optional().openapi({
      description: "Defaults: yes/no, simple majority, quorum of half, roll-call",
    }),
    opensAt: z.string().datetime({ offset: true }),
    closesAt: z.string().datetime({ offset: true }),
    graceMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
  })
  .openapi("NewBallot");

export function mountBallotsApi(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  router.openapi(
    createRoute({
      method: "post",
      path: "/api/ballots",
      operationId: "createBallot",
      summary: "Draft an IPG ballot (hub, IPG secretariat)",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.manage")] as const,
      request: { body: { required: true, content: { "application/json": { schema: NewBallotSchema } } } },
      responses: { 201: json("The draft"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const auth = signedIn(c);
      const result = await createBallot(
        ballotsContext(c, deps),
        { personId: auth.person.id, name: auth.person.displayName },
        {
          title: body.title,
          description: body.description,
          rules: (body.rules as BallotRules | undefined) ?? defaultBallotRules(),
          opensAt: new Date(body.opensAt),
          closesAt: new Date(body.closesAt),
          graceMs: body.graceMinutes * 60_000,
        },
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(ballotJson(result.value, c.var.locale, deps.clock()), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/ballots/{id}/open",
      operationId: "openBallot",
      summary: "Open a draft: the electorate is frozen and the ballot goes to every trusted region",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.manage")] as const,
      request: { params: Id },
      responses: { 200: json("The open ballot"), ...problems(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = signedIn(c);
      const result = await openBallot(
        ballotsContext(c, deps),
        { personId: auth.person.id, name: auth.person.displayName },
        c.req.valid("param").id,
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(ballotJson(result.value, c.var.locale, deps.clock()), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/ballots/{id}/cancel",
      operationId: "cancelBallot",
      summary: "Cancel a draft or an open ballot, with a reason",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.manage")] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ reason: z.string().max(2000) }) } },
        },
      },
      responses: { 200: json("The cancelled ballot"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = signedIn(c);
      const result = await cancelBallot(
        ballotsContext(c, deps),
        { personId: auth.person.id, name: auth.person.displayName },
        c.req.valid("param").id,
        c.req.valid("json").reason,
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(ballotJson(result.value, c.var.locale, deps.clock()), 200);
    },
  );

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
      const includeDrafts = c.var.tenant.kind === "hub";
      const ballots = await listBallots(ctx, { includeDrafts });
      return c.json({ ballots: ballots.map((b) => ballotJson(b, c.var.locale, deps.clock())) }, 200);
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
      if (c.var.tenant.kind === "hub") {
        const view = await getHubBallot(ctx, id);
        if (view === undefined) return ballotProblem(c, { kind: "not-found" });
        return c.json(
          {
            ...ballotJson(view.ballot, c.var.locale, now),
            turnout: view.turnout,
            result: resultJson(view.result),
            attestations: view.attestations.map((a) => ({ ...a, receivedAt: a.receivedAt.toISOString() })),
            verifiedBy: view.attestations.filter((a) => a.agrees).length,
            regions: view.regions.length,
          },
          200,
        );
      }
      const view = await getRegionBallot(ctx, id, signedIn(c).person.platformId);
      if (view === undefined) return ballotProblem(c, { kind: "not-found" });
      return c.json(
        {
          ...ballotJson(view.ballot, c.var.locale, now),
          votes: view.votes.map(castVoteJson),
          result: resultJson(view.result),
        },
        200,
      );
    },
  );

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
        body: { required: true, content: { "application/json": { schema: z.object({ choice: ChoiceSchema }) } } },
      },
      responses: { 202: json("Queued for the hub: follow its status"), ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const auth = signedIn(c);
      const result = await castVote(
        ballotsContext(c, deps),
        auth.person,
        c.req.valid("param").id,
        c.req.valid("json").choice as VoteChoice,
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(castVoteJson(result.value), 202);
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
      responses: { 200: json("The vote and its receipt"), ...problems(401, 403, 404) },
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
      if (c.var.tenant.kind === "hub") {
        const view = await getHubBallot(ctx, id);
        if (view?.result === undefined) return ballotProblem(c, { kind: "not-found" });
        return c.json(
          {
            ...resultJson(view.result),
            attestations: view.attestations.map((a) => ({ ...a, receivedAt: a.receivedAt.toISOString() })),
            verifiedBy: view.attestations.filter((a) => a.agrees).length,
            regions: view.regions.length,
          },
          200,
        );
      }
      const view = await getRegionBallot(ctx, id, null);
      if (view?.result === undefined) return ballotProblem(c, { kind: "not-found" });
      return c.json(resultJson(view.result), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/ballots/{id}/in-room-votes",
      operationId: "recordInRoomVote",
      summary: "Record the vote of a platform present in the room at the physical IPG (secretariat)",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.record-in-room")] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                platformId: z
                  .string()
                  .min(2)
                  .max(2)
                  .openapi({ description: "The platform's country code", example: "BE" }),
                choice: ChoiceSchema,
                castBy: CastBySchema.default({ kind: "representative" }),
              }),
            },
          },
        },
      },
      responses: { 201: json("Recorded"), ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const auth = signedIn(c);
      const body = c.req.valid("json");
      const result = await recordInRoomVote(
        ballotsContext(c, deps),
        { personId: auth.person.id, name: auth.person.displayName },
        c.req.valid("param").id,
        { platformId: body.platformId.toUpperCase(), choice: body.choice as VoteChoice, castBy: body.castBy as CastBy },
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(
        {
          id: result.value.vote.id,
          platformId: result.value.vote.platformId,
          choice: result.value.vote.choice,
          inRoom: true,
          recordedBy: result.value.recordedByName,
          receivedAt: result.value.vote.receivedAt.toISOString(),
        },
        201,
      );
    },
  );
}

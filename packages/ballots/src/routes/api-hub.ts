import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses as problems, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { BallotsDeps } from "../deps.ts";
import { type BallotRules, defaultBallotRules } from "../domain/rules.ts";
import type { CastBy, VoteChoice } from "../domain/vote.ts";
import { cancelBallot, createBallot, openBallot, previewElectorate } from "../services/hub-ballots.ts";
import { recordInRoomVote } from "../services/hub-votes.ts";
import { CastBySchema, ChoiceSchema } from "../wire.ts";
import { Id, NewBallotSchema, PlatformCode } from "./api-kit.ts";
import { BallotSchema, ElectoratePreviewSchema, InRoomVoteSchema } from "./ballot-schemas.ts";
import { ballotJson, ballotProblem, ballotsContext, signedIn } from "./respond.ts";

/** The IPG secretariat's operations at the hub: drafting, opening, cancelling, in-room votes. */
export function mountHubBallotsApi(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  // Before /api/ballots/{id}, which would take "electorate" for an id.
  router.openapi(
    createRoute({
      method: "get",
      path: "/api/ballots/electorate",
      operationId: "previewElectorate",
      summary:
        "Who would vote if a ballot opened now (hub, IPG secretariat): the active platforms of the trusted regions, and any platform two regions both claim",
      tags: ["ballots"],
      security,
      middleware: [authorize("ballots.manage")] as const,
      responses: {
        200: {
          description: "The electorate opening would freeze now",
          content: { "application/json": { schema: ElectoratePreviewSchema } },
        },
        ...problems(401, 403, 404, 409),
      },
    }),
    async (c) => {
      if (c.get("tenant").kind !== "hub") return ballotProblem(c, { kind: "not-found" });
      const preview = await previewElectorate(ballotsContext(c, deps));
      if (!preview.ok) return ballotProblem(c, preview.error);
      return c.json(preview.value satisfies z.infer<typeof ElectoratePreviewSchema>, 200);
    },
  );

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
      responses: {
        201: { description: "The draft", content: { "application/json": { schema: BallotSchema } } },
        ...problems(400, 401, 403),
      },
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
      return c.json(ballotJson(result.value, c.get("locale"), deps.clock()), 201);
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
      responses: {
        200: { description: "The open ballot", content: { "application/json": { schema: BallotSchema } } },
        ...problems(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = signedIn(c);
      const result = await openBallot(
        ballotsContext(c, deps),
        { personId: auth.person.id, name: auth.person.displayName },
        c.req.valid("param").id,
      );
      if (!result.ok) return ballotProblem(c, result.error);
      return c.json(ballotJson(result.value, c.get("locale"), deps.clock()), 200);
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
      responses: {
        200: { description: "The cancelled ballot", content: { "application/json": { schema: BallotSchema } } },
        ...problems(400, 401, 403, 404, 409),
      },
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
      return c.json(ballotJson(result.value, c.get("locale"), deps.clock()), 200);
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
                platformId: PlatformCode,
                choice: ChoiceSchema,
                castBy: CastBySchema.default({ kind: "representative" }),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: "Recorded", content: { "application/json": { schema: InRoomVoteSchema } } },
        ...problems(400, 401, 403, 404, 409, 422),
      },
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
      const { vote, recordedByName } = result.value;
      const recorded = {
        id: vote.id,
        platformId: vote.platformId,
        choice: vote.choice,
        inRoom: true,
        recordedBy: recordedByName,
        receivedAt: vote.receivedAt.toISOString(),
      } satisfies z.infer<typeof InRoomVoteSchema>;
      return c.json(recorded, 201);
    },
  );
}

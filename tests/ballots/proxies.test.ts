import type { BallotId } from "@dynamo/ballots";
import {
  ballotsDeps,
  createBallotRepo,
  createReceivedVoteRepo,
  type ResultPayload,
  verifyRollCall,
} from "@dynamo/ballots";
import { testDriver, waitFor } from "@dynamo/testing";
import { getLogger } from "@logtape/logtape";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../security/openapi-arbitraries.ts";
import { createAnswerCheck } from "../security/response-validator.ts";
import type { BallotNode } from "./harness.ts";
import {
  type BallotJson,
  type BallotNetwork,
  ballotAt,
  ballotReads,
  castVote,
  HOUR,
  MINUTE,
  no,
  openBallot,
  startBallotNetwork,
  undescribedReads,
  type VoteJson,
  voteStatus,
  yes,
} from "./scenario.ts";

let net: BallotNetwork;

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.70", europe: "127.0.0.71", africa: "127.0.0.72" });
}, 90_000);
afterAll(async () => {
  await net?.close();
});

interface DelegationJson {
  id: string;
  holder: string | null;
  status: string;
  refusal: { kind: string } | null;
}
type RegionBallotJson = BallotJson & {
  platform: string | null;
  mandates: { platformId: string; holder: string }[];
  delegations: DelegationJson[];
  votes: (VoteJson & { proxyFor: string | null; castBy: { kind: string; holder?: string } })[];
};

const regionView = async (region: BallotNode, id: string, email: string) =>
  (await ballotAt(region, id, email)) as RegionBallotJson;

async function delegate(region: BallotNode, id: string, email: string, holder: string | null) {
  const response = await region.api("POST", `/api/ballots/${id}/proxy`, { holder }, email);
  expect(response.status).toBe(202);
  return (await response.json()) as DelegationJson;
}

async function delegationSettled(region: BallotNode, id: string, email: string, delegation: DelegationJson) {
  let found: DelegationJson | undefined;
  await waitFor(
    async () => {
      found = (await regionView(region, id, email)).delegations.find((d) => d.id === delegation.id);
      return found !== undefined && found.status !== "queued";
    },
    { what: "the hub's receipt of the delegation", timeoutMs: 20_000 },
  );
  return found as DelegationJson;
}

describe(`proxies across regions (${testDriver()})`, () => {
  it("shows the secretariat who would vote if a ballot opened now, and no one else", async () => {
    const preview = await net.hub.api("GET", "/api/ballots/electorate", undefined, net.secretariat);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({
      electorate: [
        { platformId: "CM", regionCode: "AF" },
        { platformId: "SN", regionCode: "AF" },
        { platformId: "BE", regionCode: "EU" },
        { platformId: "FR", regionCode: "EU" },
      ],
      conflicts: [],
    });
    expect((await net.hub.api("GET", "/api/ballots/electorate")).status).toBe(403);
    expect((await net.europe.api("GET", "/api/ballots/electorate", undefined, net.rep.BE)).status).toBe(403);
  });

  it("lets a platform give its vote to a platform of another region, which casts it; the hub counts it and both regions verify the mandate", async () => {
    const ballot = await openBallot(net, { title: "Adopt the rules of procedure?" });

    // Belgium (Europe) gives its vote to Senegal (Africa).
    const given = await delegate(net.europe, ballot.europeId, net.rep.BE, "SN");
    expect(given).toMatchObject({ holder: "SN", status: "queued" });
    expect((await delegationSettled(net.europe, ballot.europeId, net.rep.BE, given)).status).toBe("accepted");
    // The hub announces the mandate: Senegal's region shows it the vote it holds.
    await waitFor(
      async () =>
        (await regionView(net.africa, ballot.africaId, net.rep.SN)).mandates.some(
          (m) => m.platformId === "BE" && m.holder === "SN",
        ),
      { what: "Africa to learn Senegal holds Belgium's vote", timeoutMs: 20_000 },
    );

    // The cap is one proxy per holder: Cameroon's delegation to Senegal is refused, visibly.
    const second = await delegate(net.africa, ballot.africaId, net.rep.CM, "SN");
    const refused = await delegationSettled(net.africa, ballot.africaId, net.rep.CM, second);
    expect(refused).toMatchObject({ status: "refused", refusal: { kind: "proxy-cap-exceeded" } });
    // Each region's ballot, with its platform's delegations (accepted, refused) and the mandates, is described.
    expect(await undescribedReads(net.europe, net.rep.BE, ballotReads(ballot.europeId, false))).toEqual({});
    expect(await undescribedReads(net.africa, net.rep.CM, ballotReads(ballot.africaId, false))).toEqual({});

    // Senegal casts Belgium's vote, then its own.
    const forBelgium = await net.africa.api(
      "POST",
      `/api/ballots/${ballot.africaId}/votes`,
      { choice: no, onBehalfOf: "BE" },
      net.rep.SN,
    );
    expect(forBelgium.status).toBe(202);
    // The answers are what the region's OpenAPI document says they are.
    const doc = (await (await net.africa.api("GET", "/api/openapi.json")).json()) as OpenApiDocument;
    const described = createAnswerCheck(doc);
    expect(await described("castVote", forBelgium)).toEqual([]);
    const proxyVote = (await forBelgium.json()) as VoteJson & { proxyFor: string; castBy: unknown };
    expect(proxyVote).toMatchObject({ proxyFor: "BE", castBy: { kind: "proxy", holder: "SN" } });
    const own = (await (await castVote(net.africa, ballot.africaId, net.rep.SN, yes)).json()) as VoteJson;
    await castVote(net.africa, ballot.africaId, net.rep.CM, yes);
    for (const vote of [proxyVote, own]) {
      await waitFor(
        async () => (await voteStatus(net.africa, ballot.africaId, vote.id, net.rep.SN)).status === "delivered",
        { what: `the receipt of ${vote.activityId}`, timeoutMs: 20_000 },
      );
    }
    const receipt = await net.africa.api(
      "GET",
      `/api/ballots/${ballot.africaId}/votes/${own.id}`,
      undefined,
      net.rep.SN,
    );
    expect(receipt.status).toBe(200);
    expect(await described("getVoteReceipt", receipt)).toEqual([]);

    // France holds no mandate: its region refuses to cast Cameroon's vote.
    const noMandate = await net.europe.api(
      "POST",
      `/api/ballots/${ballot.europeId}/votes`,
      { choice: yes, onBehalfOf: "CM" },
      net.rep.FR,
    );
    expect(noMandate.status).toBe(403);
    expect(((await noMandate.json()) as { reason: string }).reason).toBe("no-mandate");

    // The turnout counts Belgium's vote in Europe, where Belgium belongs; the secretariat sees
    // the mandates in force.
    const live = (await ballotAt(net.hub, ballot.hubId, net.secretariat)) as BallotJson & {
      mandates: { platformId: string; holder: string }[];
    };
    expect(live.mandates).toEqual([{ platformId: "BE", holder: "SN" }]);
    expect(live.turnout).toEqual([
      { regionCode: "AF", voted: 2, electorate: 2 },
      { regionCode: "EU", voted: 1, electorate: 2 },
    ]);

    net.advanceAll(2 * HOUR + MINUTE);
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).verifiedBy === 2, {
      what: "both regions to attest the result",
      timeoutMs: 30_000,
    });
    const closed = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(closed.result?.publication).toMatchObject({
      counts: [
        { optionId: "yes", votes: 2 },
        { optionId: "no", votes: 1 },
      ],
      votesCounted: 3,
      outcome: "adopted",
    });
    const published = closed.result?.publication.votes as unknown as { platformId: string; mandate: unknown }[];
    expect(published.find((v) => v.platformId === "BE")?.mandate).toMatchObject({
      kind: "dynamo-proxy/1",
      platformId: "BE",
      holder: "SN",
      proof: { type: "DataIntegrityProof" },
    });
    // The result with its published mandate, and the hub's ballot with the mandates in force, are described.
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(ballot.hubId, true))).toEqual({});
    for (const [region, id, email] of [
      [net.europe, ballot.europeId, net.rep.BE],
      [net.africa, ballot.africaId, net.rep.SN],
    ] as const) {
      expect((await regionView(region, id, email)).result?.verification).toMatchObject({ agrees: true });
    }
    expect((await voteStatus(net.africa, ballot.africaId, proxyVote.id, net.rep.SN)).status).toBe("counted");
    // The roll call shows who cast each counted vote, at the hub and at every region.
    for (const [node, path, email] of [
      [net.hub, `/ballots/${ballot.hubId}`, net.secretariat],
      [net.europe, `/ballots/${ballot.europeId}`, net.rep.FR],
    ] as const) {
      const page = await (await node.api("GET", path, undefined, email)).text();
      const row = /<tr data-platform="BE">(.*?)<\/tr>/s.exec(page)?.[1] ?? "";
      expect(row).toContain("by proxy: Senegal (SN)");
      expect(row).toContain("No");
      expect(/<tr data-platform="FR">(.*?)<\/tr>/s.exec(page)?.[1]).toContain("did not vote");
    }

    // A region recomputing a result the hub altered names what is wrong.
    const record = await createBallotRepo(net.europe.database.db, net.europe.tenant.id).findById(ballot.europeId);
    if (record === undefined) throw new Error("Europe lost its copy of the ballot");
    const ctx = { ...ballotsDeps(net.europe.kernel()), tenant: net.europe.tenant, logger: getLogger(["test"]) };
    // The API answers the result as JSON; read it as the result document it is.
    const publication = closed.result?.publication as unknown as ResultPayload;
    const verify = (change: (result: ResultPayload) => void) => {
      const copy = structuredClone(publication);
      change(copy);
      return verifyRollCall(ctx, record, copy);
    };
    const belgium = (result: ResultPayload) => {
      const vote = result.votes?.find((v) => v.platformId === "BE");
      if (vote === undefined) throw new Error("no vote of Belgium");
      return vote;
    };
    expect(await verify(() => {})).toMatchObject({ agrees: true });
    expect(await verify((r) => (belgium(r).mandate = null))).toMatchObject({
      agrees: false,
      problem: expect.stringMatching(/^no-mandate:/),
    });
    expect(
      await verify((r) => {
        (belgium(r).mandate as { holder: string }).holder = "CM";
      }),
    ).toMatchObject({ agrees: false, problem: expect.stringMatching(/^mandate-bad-signature:/) });
    expect(
      await verify((r) => {
        const counts = r.counts[0];
        if (counts) counts.votes += 1;
      }),
    ).toMatchObject({ agrees: false, problem: "count-mismatch" });
    expect(await verify((r) => r.votes?.pop())).toMatchObject({ agrees: false, problem: "chain-mismatch" });
  }, 150_000);

  it("refuses at the hub a proxy vote whose mandate it never accepted, and a withdrawn one", async () => {
    const ballot = await openBallot(net, { title: "Admit a new platform?" });
    // Africa's copy claims a mandate the hub never accepted (a region whose data went wrong).
    await createBallotRepo(net.africa.database.db, net.africa.tenant.id).setMandates(
      ballot.africaId,
      [{ platformId: "FR", holder: "CM" }],
      new Date(),
    );
    const forged = (await (
      await net.africa.api(
        "POST",
        `/api/ballots/${ballot.africaId}/votes`,
        { choice: yes, onBehalfOf: "FR" },
        net.rep.CM,
      )
    ).json()) as VoteJson;
    await waitFor(
      async () => (await voteStatus(net.africa, ballot.africaId, forged.id, net.rep.CM)).status === "refused",
      { what: "the hub to refuse a vote without a mandate", timeoutMs: 20_000 },
    );
    expect((await voteStatus(net.africa, ballot.africaId, forged.id, net.rep.CM)).refusal).toMatchObject({
      kind: "no-mandate",
    });

    // France gives its vote to Cameroon, then withdraws it: Cameroon may no longer cast it.
    const given = await delegate(net.europe, ballot.europeId, net.rep.FR, "CM");
    expect((await delegationSettled(net.europe, ballot.europeId, net.rep.FR, given)).status).toBe("accepted");
    await waitFor(
      async () =>
        (await regionView(net.africa, ballot.africaId, net.rep.CM)).mandates.some(
          (m) => m.platformId === "FR" && m.holder === "CM",
        ),
      { what: "Africa to learn Cameroon holds France's vote", timeoutMs: 20_000 },
    );
    net.advanceAll(MINUTE);
    const withdrawn = await delegate(net.europe, ballot.europeId, net.rep.FR, null);
    expect((await delegationSettled(net.europe, ballot.europeId, net.rep.FR, withdrawn)).status).toBe("accepted");
    await waitFor(async () => (await regionView(net.africa, ballot.africaId, net.rep.CM)).mandates.length === 0, {
      what: "Africa to learn the mandate was withdrawn",
      timeoutMs: 20_000,
    });
    const late = await net.africa.api(
      "POST",
      `/api/ballots/${ballot.africaId}/votes`,
      { choice: no, onBehalfOf: "FR" },
      net.rep.CM,
    );
    expect(late.status).toBe(403);
    const hubVotes = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(hubVotes.turnout?.find((t) => t.regionCode === "EU")?.voted).toBe(0);

    // In the room, the secretariat records France's vote cast by Cameroon holding its paper proxy.
    const form = await net.hub.api("GET", `/ballots/${ballot.hubId}`, undefined, net.secretariat);
    const html = await form.text();
    expect(html).toContain('<option value="proxy:CM">by proxy: Cameroon (CM)</option>');
    const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? "";
    const token = await net.hub.token(net.secretariat);
    const recorded = await fetch(`${net.hub.origin}/ballots/${ballot.hubId}/in-room`, {
      method: "POST",
      redirect: "manual",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/x-www-form-urlencoded",
        origin: net.hub.origin,
      },
      body: new URLSearchParams({ _csrf: csrf, platformId: "FR", castBy: "proxy:CM", choice: "option:yes" }).toString(),
    });
    expect(recorded.status).toBe(303);
    const [inRoom] = (
      await createReceivedVoteRepo(net.hub.database.db, net.hub.tenant.id).listAccepted(ballot.hubId as BallotId)
    ).filter((v) => v.inRoom);
    expect(inRoom?.vote).toMatchObject({ platformId: "FR", castBy: { kind: "proxy", holder: "CM" } });
  }, 150_000);
});

import { testDriver, waitFor } from "@dynamo/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerCheck,
  type BallotJson,
  type BallotNetwork,
  ballotAt,
  ballotReads,
  COLLECTION_MS,
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
  net = await startBallotNetwork({ hub: "127.0.0.43", europe: "127.0.0.44", africa: "127.0.0.45" });
}, 90_000);
afterAll(async () => {
  await net?.close();
});

async function closedAtHub(hubId: string) {
  await waitFor(async () => (await ballotAt(net.hub, hubId, net.secretariat)).status === "closed", {
    what: "the hub to count the ballot",
    timeoutMs: 20_000,
  });
  return ballotAt(net.hub, hubId, net.secretariat);
}

describe(`votes that cannot reach the hub at once (${testDriver()})`, () => {
  it("delivers a vote queued while the hub was unreachable within the grace period, and counts it", async () => {
    const ballot = await openBallot(net, { closesInMs: 10 * MINUTE, graceMs: HOUR });
    await net.hub.down();
    const cast = await castVote(net.africa, ballot.africaId, net.rep.CM, yes);
    expect(cast.status).toBe(202);
    const vote = (await cast.json()) as VoteJson;
    expect((await voteStatus(net.africa, ballot.africaId, vote.id, net.rep.CM)).status).toBe("queued");

    // The close passes while the link is down; the hub is back within the grace period.
    net.advanceAll(15 * MINUTE);
    await net.hub.up();
    await waitFor(
      async () => (await voteStatus(net.africa, ballot.africaId, vote.id, net.rep.CM)).status === "delivered",
      {
        what: "the queued vote to reach the hub",
        timeoutMs: 20_000,
      },
    );
    net.advanceAll(HOUR);
    const closed = await closedAtHub(ballot.hubId);
    expect(closed.result?.publication.votesCounted).toBe(1);
    expect(closed.result?.publication.counts).toEqual([
      { optionId: "yes", votes: 1 },
      { optionId: "no", votes: 0 },
    ]);
    await waitFor(
      async () => (await voteStatus(net.africa, ballot.africaId, vote.id, net.rep.CM)).status === "counted",
      {
        what: "Africa to see its vote counted",
        timeoutMs: 20_000,
      },
    );
  }, 120_000);

  it("asks the regions before counting, counts without one that does not answer, lists its vote as late, and that region disputes the result", async () => {
    const ballot = await openBallot(net, { closesInMs: 10 * MINUTE, graceMs: 30 * MINUTE });
    await net.hub.down();
    const vote = (await (await castVote(net.europe, ballot.europeId, net.rep.FR, no)).json()) as VoteJson;
    expect((await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.FR)).status).toBe("queued");
    // Europe goes offline holding France's in-time vote; the hub comes back after the grace.
    await net.europe.down();
    net.advanceAll(45 * MINUTE);
    await net.hub.up();
    // Africa answers at once; Europe cannot: the hub waits its minute, then counts.
    await waitFor(
      async () => {
        const asking = await ballotAt(net.hub, ballot.hubId, net.secretariat);
        return asking.phase === "counting" && asking.reception?.answers.some((a) => a.regionCode === "AF") === true;
      },
      { what: "the hub to ask the regions for what they still hold, and Africa to answer", timeoutMs: 20_000 },
    );
    net.advanceAll(COLLECTION_MS + 1_000);
    const closed = await closedAtHub(ballot.hubId);
    expect(closed.result?.publication.votesCounted).toBe(0);
    expect(closed.result?.publication.reception).toMatchObject({
      asked: ["AF", "EU"],
      answers: [{ regionCode: "AF" }],
    });

    // Europe comes back: the hub refuses the vote as late and lists it for the secretariat.
    await net.europe.up();
    await waitFor(
      async () => (await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.FR)).status === "refused",
      { what: "the hub's refusal of the late vote", timeoutMs: 20_000 },
    );
    const refused = await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.FR);
    expect(refused.refusal?.kind).toBe("received-after-grace");
    expect(refused.receipt).toBeNull();
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).disputedBy === 1, {
      what: "Europe to dispute the result that misses France's vote",
      timeoutMs: 20_000,
    });
    const atHub = (await ballotAt(net.hub, ballot.hubId, net.secretariat)) as BallotJson & {
      attestations: { regionCode: string; agrees: boolean; problem: string | null; evidence: { id: string }[] }[];
      lateVotes: { platformId: string; regionCode: string; signedAt: string; receivedAt: string }[];
    };
    expect(atHub.attestations.find((a) => a.regionCode === "EU")).toMatchObject({
      agrees: false,
      problem: "missing-vote:FR",
      evidence: [{ id: vote.activityId }],
    });
    expect(atHub.lateVotes).toEqual([
      expect.objectContaining({ platformId: "FR", regionCode: "EU", signedAt: expect.any(String) }),
    ]);
    // The dispute, its evidence, the late vote and the reception are what the documents say.
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(ballot.hubId, true))).toEqual({});
    expect(await undescribedReads(net.europe, net.rep.FR, ballotReads(ballot.europeId, true))).toEqual({});

    // The secretariat's page, in French: disputed, the evidence, the late vote.
    const hubPage = await fetch(`${net.hub.origin}/ballots/${ballot.hubId}`, {
      headers: { authorization: `Bearer ${await net.hub.token(net.secretariat)}`, "accept-language": "fr" },
    });
    const hubHtml = await hubPage.text();
    expect(hubHtml).toContain('data-disputed-by="1"');
    expect(hubHtml).toContain("contesté par 1");
    expect(hubHtml).toContain("un vote de France (FR) signé avant la clôture manque au résultat");
    expect(hubHtml).toContain('data-late-vote="FR"');
    expect(hubHtml).toContain("ont répondu : Afrique");

    // The voter's page says why, never "queued" beside the result.
    const page = await fetch(`${net.europe.origin}/ballots/${ballot.europeId}/votes/${vote.id}`, {
      headers: { authorization: `Bearer ${await net.europe.token(net.rep.FR)}`, "accept-language": "fr" },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-status="refused"');
    expect(html).toContain("arrivé trop tard, après le délai de grâce");
  }, 120_000);

  it("counts a vote still queued at its region when the hub comes back only after the grace", async () => {
    const ballot = await openBallot(net, { closesInMs: 10 * MINUTE, graceMs: 30 * MINUTE });
    await net.hub.down();
    const vote = (await (await castVote(net.africa, ballot.africaId, net.rep.SN, yes)).json()) as VoteJson;
    // The hub is back after the grace: it asks the regions before counting (Africa may also deliver it on its own).
    net.advanceAll(45 * MINUTE);
    await net.hub.up();
    const closed = await closedAtHub(ballot.hubId);
    expect(closed.result?.publication.votesCounted).toBe(1);
    expect(closed.result?.publication.reception?.answers.map((a) => a.regionCode).sort()).toEqual(["AF", "EU"]);
    await waitFor(
      async () => (await voteStatus(net.africa, ballot.africaId, vote.id, net.rep.SN)).status === "counted",
      { what: "Africa to see its vote counted", timeoutMs: 20_000 },
    );
  }, 120_000);

  it("a region disputes a result from which the hub dropped one of its votes, with the signed vote as evidence", async () => {
    const ballot = await openBallot(net, { closesInMs: 10 * MINUTE, graceMs: 10 * MINUTE });
    const vote = (await (await castVote(net.europe, ballot.europeId, net.rep.BE, yes)).json()) as VoteJson;
    await waitFor(
      async () => (await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.BE)).status === "delivered",
      { what: "Belgium's vote to be received", timeoutMs: 20_000 },
    );
    // A faulty (or dishonest) hub loses the vote it acknowledged.
    await net.hub.database.db.execute(sql`delete from ballot_received_votes where vote_uri = ${vote.activityId}`);
    net.advanceAll(21 * MINUTE);
    const closed = await closedAtHub(ballot.hubId);
    expect(closed.result?.publication.votesCounted).toBe(0);
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).disputedBy === 1, {
      what: "Europe to dispute the result",
      timeoutMs: 20_000,
    });
    const atEurope = await ballotAt(net.europe, ballot.europeId);
    expect(atEurope.result?.verification).toMatchObject({ agrees: false, problem: "missing-vote:BE" });
    const atHub = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(atHub.verifiedBy).toBe(1);
  }, 120_000);

  it("loses nothing when the hub restarts during the vote", async () => {
    const ballot = await openBallot(net, { closesInMs: HOUR, graceMs: HOUR });
    const be = (await (await castVote(net.europe, ballot.europeId, net.rep.BE, yes)).json()) as VoteJson;
    await waitFor(
      async () => (await voteStatus(net.europe, ballot.europeId, be.id, net.rep.BE)).status === "delivered",
      {
        what: "Belgium's vote to be received",
        timeoutMs: 20_000,
      },
    );
    await net.hub.down();
    const sn = (await (await castVote(net.africa, ballot.africaId, net.rep.SN, yes)).json()) as VoteJson;
    await net.hub.up();
    await waitFor(
      async () => (await voteStatus(net.africa, ballot.africaId, sn.id, net.rep.SN)).status === "delivered",
      {
        what: "Senegal's vote to be received after the restart",
        timeoutMs: 20_000,
      },
    );
    // In-room vote at the physical IPG, by the secretariat.
    const inRoom = await net.hub.api(
      "POST",
      `/api/ballots/${ballot.hubId}/in-room-votes`,
      { platformId: "FR", choice: { kind: "abstain" } },
      net.secretariat,
    );
    expect(inRoom.status).toBe(201);
    expect(await (await answerCheck(net.hub))("recordInRoomVote", inRoom)).toEqual([]);
    expect(await inRoom.json()).toMatchObject({ platformId: "FR", inRoom: true, recordedBy: "IPG secretariat" });

    await net.hub.down();
    net.advanceAll(2 * HOUR + MINUTE);
    await net.hub.up();
    const closed = await closedAtHub(ballot.hubId);
    expect(closed.result?.publication).toMatchObject({
      counts: [
        { optionId: "yes", votes: 2 },
        { optionId: "no", votes: 0 },
      ],
      votesCounted: 3,
      outcome: "adopted",
    });
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).verifiedBy === 2, {
      what: "both regions to verify the result, in-room vote included",
      timeoutMs: 30_000,
    });
    // The published roll call with its in-room vote, and each region's recount, are described.
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(ballot.hubId, true))).toEqual({});
    expect(await undescribedReads(net.africa, net.rep.SN, ballotReads(ballot.africaId, true))).toEqual({});
  }, 120_000);
});

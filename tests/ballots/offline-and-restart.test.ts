import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BallotNetwork,
  ballotAt,
  castVote,
  HOUR,
  MINUTE,
  no,
  openBallot,
  startBallotNetwork,
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

  it("refuses a vote that arrives after the grace period, and the region shows why", async () => {
    const ballot = await openBallot(net, { closesInMs: 10 * MINUTE, graceMs: 30 * MINUTE });
    await net.hub.down();
    const vote = (await (await castVote(net.europe, ballot.europeId, net.rep.FR, no)).json()) as VoteJson;
    net.advanceAll(45 * MINUTE);
    await net.hub.up();
    await waitFor(
      async () => (await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.FR)).status === "refused",
      {
        what: "the hub's refusal of the late vote",
        timeoutMs: 20_000,
      },
    );
    const refused = await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.FR);
    expect(refused.refusal?.kind).toBe("received-after-grace");
    expect(refused.receipt).toBeNull();
    const closed = await closedAtHub(ballot.hubId);
    expect(closed.result?.publication.votesCounted).toBe(0);
    expect(closed.result?.publication.outcome).toBe("rejected");

    // The region's page says so in the reader's language.
    const page = await fetch(`${net.europe.origin}/ballots/${ballot.europeId}/votes/${vote.id}`, {
      headers: { authorization: `Bearer ${await net.europe.token(net.rep.FR)}`, "accept-language": "fr" },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-status="refused"');
    expect(html).toContain("arrivé trop tard, après le délai de grâce");
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
  }, 120_000);
});

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
  net = await startBallotNetwork({ hub: "127.0.0.40", europe: "127.0.0.41", africa: "127.0.0.42" });
}, 90_000);
afterAll(async () => {
  await net?.close();
});

describe(`an IPG ballot across the hub and two regions (${testDriver()})`, () => {
  it("takes the votes of two regions, the last one of a platform counting, tallies at the close and is verified by both regions", async () => {
    const ballot = await openBallot(net);
    const hubView = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    // The electorate is frozen at the opening: the active platforms of the trusted regions.
    expect(hubView.electorate?.map((m) => `${m.regionCode}:${m.platformId}`)).toEqual([
      "AF:CM",
      "AF:SN",
      "EU:BE",
      "EU:FR",
    ]);

    const be = await castVote(net.europe, ballot.europeId, net.rep.BE, yes);
    expect(be.status).toBe(202);
    const beVote = (await be.json()) as VoteJson;
    expect(beVote.status).toBe("queued");
    const snFirst = (await (await castVote(net.africa, ballot.africaId, net.rep.SN, yes)).json()) as VoteJson;
    await waitFor(
      async () => (await voteStatus(net.africa, ballot.africaId, snFirst.id, net.rep.SN)).status === "delivered",
      {
        what: "Senegal's first vote to be received",
        timeoutMs: 20_000,
      },
    );
    net.advanceAll(MINUTE);
    const snSecond = (await (await castVote(net.africa, ballot.africaId, net.rep.SN, no)).json()) as VoteJson;

    for (const [region, id, vote, email] of [
      [net.europe, ballot.europeId, beVote, net.rep.BE],
      [net.africa, ballot.africaId, snSecond, net.rep.SN],
    ] as const) {
      await waitFor(async () => (await voteStatus(region, id, vote.id, email)).status === "delivered", {
        what: `the hub's receipt of ${vote.activityId}`,
        timeoutMs: 20_000,
      });
    }
    const receipt = await voteStatus(net.europe, ballot.europeId, beVote.id, net.rep.BE);
    expect(receipt.receipt).toMatch(/^[0-9a-f]{64}$/);

    // Live turnout per region at the hub, never the choices before the close.
    const live = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(live.turnout).toEqual([
      { regionCode: "AF", voted: 1, electorate: 2 },
      { regionCode: "EU", voted: 1, electorate: 2 },
    ]);
    expect(live.result).toBeNull();

    net.advanceAll(2 * HOUR + MINUTE);
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).status === "closed", {
      what: "the hub to count the ballot",
      timeoutMs: 20_000,
    });
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).verifiedBy === 2, {
      what: "both regions to attest the result",
      timeoutMs: 30_000,
    });
    const closed = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(closed.result?.publication).toMatchObject({
      counts: [
        { optionId: "yes", votes: 1 },
        { optionId: "no", votes: 1 },
      ],
      votesCounted: 2,
      electorateSize: 4,
      outcome: "rejected",
    });
    // Roll call: the three accepted votes are published, chained.
    expect(closed.result?.publication.votes).toHaveLength(3);
    expect(closed.result?.publication.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(closed.regions).toBe(2);

    for (const [region, id, email] of [
      [net.europe, ballot.europeId, net.rep.BE],
      [net.africa, ballot.africaId, net.rep.SN],
    ] as const) {
      const view = await ballotAt(region, id, email);
      expect(view.result?.verification).toEqual({ agrees: true, problem: null, verifiedAt: expect.any(String) });
    }
    expect((await voteStatus(net.africa, ballot.africaId, snSecond.id, net.rep.SN)).status).toBe("counted");
    // The superseded vote was received but does not count.
    expect((await voteStatus(net.africa, ballot.africaId, snFirst.id, net.rep.SN)).status).toBe("delivered");
    expect((await voteStatus(net.europe, ballot.europeId, beVote.id, net.rep.BE)).status).toBe("counted");
  }, 120_000);

  it("publishes a secret ballot as counts and receipts only, each region finding its own receipts in the list", async () => {
    const ballot = await openBallot(net, { secrecy: "secret", title: "Elect the IPG host region?" });
    const votes = [
      [net.europe, ballot.europeId, net.rep.FR, yes],
      [net.africa, ballot.africaId, net.rep.CM, no],
    ] as const;
    const cast: VoteJson[] = [];
    for (const [region, id, email, choice] of votes) {
      const vote = (await (await castVote(region, id, email, choice)).json()) as VoteJson;
      await waitFor(async () => (await voteStatus(region, id, vote.id, email)).status === "delivered", {
        what: `the receipt of ${vote.activityId}`,
        timeoutMs: 20_000,
      });
      cast.push(await voteStatus(region, id, vote.id, email));
    }
    net.advanceAll(2 * HOUR + MINUTE);
    await waitFor(async () => (await ballotAt(net.hub, ballot.hubId, net.secretariat)).verifiedBy === 2, {
      what: "both regions to attest the secret ballot",
      timeoutMs: 30_000,
    });
    const closed = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(closed.result?.publication.votes).toBeNull();
    expect(closed.result?.publication.chainHead).toBeNull();
    expect([...(closed.result?.publication.receipts ?? [])].sort()).toEqual(cast.map((v) => v.receipt).sort());
    expect(closed.result?.publication.counts).toEqual([
      { optionId: "yes", votes: 1 },
      { optionId: "no", votes: 1 },
    ]);
    expect((await voteStatus(net.europe, ballot.europeId, cast[0]?.id ?? "", net.rep.FR)).status).toBe("counted");
  }, 120_000);

  it("keeps the governance actions in the hub's audit log: who, what, when, from where, with the request id, in the reader's language", async () => {
    const ballot = await openBallot(net, { closesInMs: 10 * MINUTE, graceMs: 0 });
    const cancelled = await net.hub.api(
      "POST",
      `/api/ballots/${ballot.hubId}/cancel`,
      { reason: "Wrong budget attached" },
      net.secretariat,
    );
    expect(cancelled.status).toBe(200);
    const response = await net.hub.api("GET", "/api/audit-events?limit=100");
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as {
      events: {
        action: string;
        actorLabel: string | null;
        targetId: string | null;
        clientAddress: string | null;
        requestId: string | null;
        details: Record<string, unknown>;
      }[];
    };
    const about = (action: string) => events.find((e) => e.action === action && e.targetId === ballot.hubId);
    for (const action of ["ballots.draft", "ballots.open", "ballots.cancel"]) {
      expect(about(action)).toMatchObject({ actorLabel: net.secretariat, requestId: expect.any(String) });
      expect(about(action)?.clientAddress).toMatch(/^127\./);
    }
    expect(about("ballots.cancel")?.details).toMatchObject({ reason: "Wrong budget attached" });
    // The first ballot of this file was counted by the node itself at its deadline: no person, no request.
    expect(events.find((e) => e.action === "ballots.close")).toMatchObject({ actorLabel: null, requestId: null });
    // Approving the regions' peering, by the hub's admin.
    expect(events.filter((e) => e.action === "peering.approve").map((e) => e.actorLabel)).toEqual([
      net.hub.adminEmail,
      net.hub.adminEmail,
    ]);

    const page = await fetch(`${net.hub.origin}/admin/audit`, {
      headers: { authorization: `Bearer ${await net.hub.token(net.hub.adminEmail)}`, "accept-language": "fr" },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Scrutin annulé");
    expect(html).toContain("Fédération acceptée");
  });
});

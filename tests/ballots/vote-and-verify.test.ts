import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerCheck,
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

    // The closed ballot and its result, at the hub and at each region, are what their documents say.
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(ballot.hubId, true))).toEqual({});
    expect(await undescribedReads(net.europe, net.rep.BE, ballotReads(ballot.europeId, true))).toEqual({});
    expect(await undescribedReads(net.africa, net.rep.SN, ballotReads(ballot.africaId, true))).toEqual({});
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
    // A secret ballot's result (receipts, no roll call) is described too.
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(ballot.hubId, true))).toEqual({});
    expect(await undescribedReads(net.europe, net.rep.FR, ballotReads(ballot.europeId, true))).toEqual({});
  }, 120_000);

  it("answers a draft, its opening, an in-room vote and a cancellation as the hub's and the region's documents describe them", async () => {
    const atHub = await answerCheck(net.hub);
    const preview = await net.hub.api("GET", "/api/ballots/electorate", undefined, net.secretariat);
    expect(preview.status).toBe(200);
    expect(await atHub("previewElectorate", preview)).toEqual([]);
    expect(await preview.json()).toMatchObject({
      conflicts: [],
      electorate: expect.arrayContaining([{ platformId: "BE", regionCode: "EU" }]),
    });

    const now = net.hub.now().getTime();
    const draftInput = {
      title: { en: "Where should the 2028 IPG meet?", fr: "Où réunir l'IPG 2028 ?" },
      rules: {
        options: {
          kind: "custom",
          options: [
            { id: "lisbon", label: { en: "Lisbon", pt: "Lisboa" } },
            { id: "dakar", label: { en: "Dakar" } },
            { id: "quito", label: { en: "Quito" } },
          ],
          choice: { kind: "multiple", maxChoices: 2 },
        },
        majority: { kind: "qualified", share: { numerator: 2, denominator: 3 }, base: "cast", comparison: "at-least" },
        abstentions: "counted-as-cast",
        blanks: "excluded",
        quorum: { numerator: 1, denominator: 2 },
        maxProxiesPerHolder: 1,
        substitutesAllowed: true,
        secrecy: "roll-call",
      },
      opensAt: new Date(now - MINUTE).toISOString(),
      closesAt: new Date(now + HOUR).toISOString(),
      graceMinutes: 60,
    };
    const created = await net.hub.api("POST", "/api/ballots", draftInput, net.secretariat);
    expect(created.status).toBe(201);
    expect(await atHub("createBallot", created)).toEqual([]);
    const draft = (await created.json()) as BallotJson;
    expect(draft).toMatchObject({ status: "draft", phase: "draft", electorate: null, reception: null });
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(draft.id, false))).toEqual({});

    const opened = await net.hub.api("POST", `/api/ballots/${draft.id}/open`, undefined, net.secretariat);
    expect(opened.status).toBe(200);
    expect(await atHub("openBallot", opened)).toEqual([]);
    expect(await opened.json()).toMatchObject({ status: "open", phase: "voting", electorate: expect.any(Array) });

    const inRoom = await net.hub.api(
      "POST",
      `/api/ballots/${draft.id}/in-room-votes`,
      { platformId: "SN", choice: { kind: "options", optionIds: ["dakar", "quito"] } },
      net.secretariat,
    );
    expect(inRoom.status).toBe(201);
    expect(await atHub("recordInRoomVote", inRoom)).toEqual([]);
    expect(await inRoom.json()).toMatchObject({ platformId: "SN", inRoom: true, recordedBy: "IPG secretariat" });
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(draft.id, false))).toEqual({});

    let europeId = "";
    await waitFor(
      async () => {
        const { ballots } = (await (await net.europe.api("GET", "/api/ballots")).json()) as { ballots: BallotJson[] };
        europeId = ballots.find((b) => b.uri === draft.uri)?.id ?? "";
        return europeId !== "";
      },
      { what: "Europe to receive the ballot", timeoutMs: 20_000 },
    );
    const vote = (await (
      await castVote(net.europe, europeId, net.rep.FR, { kind: "options", optionIds: ["lisbon"] })
    ).json()) as VoteJson;
    await waitFor(async () => (await voteStatus(net.europe, europeId, vote.id, net.rep.FR)).status === "delivered", {
      what: "France's vote to be received",
      timeoutMs: 20_000,
    });
    expect(await undescribedReads(net.europe, net.rep.FR, ballotReads(europeId, false))).toEqual({});

    const cancelled = await net.hub.api(
      "POST",
      `/api/ballots/${draft.id}/cancel`,
      { reason: "The host cities withdrew" },
      net.secretariat,
    );
    expect(cancelled.status).toBe(200);
    expect(await atHub("cancelBallot", cancelled)).toEqual([]);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", phase: "cancelled" });
    expect(await undescribedReads(net.hub, net.secretariat, ballotReads(draft.id, false))).toEqual({});
    await waitFor(async () => (await ballotAt(net.europe, europeId, net.rep.FR)).status === "cancelled", {
      what: "Europe to learn of the cancellation",
      timeoutMs: 20_000,
    });
    expect(await undescribedReads(net.europe, net.rep.FR, ballotReads(europeId, false))).toEqual({});

    // A draft cancelled before it opened.
    const second = (await (
      await net.hub.api("POST", "/api/ballots", draftInput, net.secretariat)
    ).json()) as BallotJson;
    const dropped = await net.hub.api(
      "POST",
      `/api/ballots/${second.id}/cancel`,
      { reason: "Duplicate" },
      net.secretariat,
    );
    expect(dropped.status).toBe(200);
    expect(await atHub("cancelBallot", dropped)).toEqual([]);
    expect(await dropped.json()).toMatchObject({ status: "cancelled", electorate: null, openedAt: null });
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

import { ballotsDeps, createReceivedVoteRepo } from "@dynamo/ballots";
import type { CountryCode } from "@dynamo/core";
import { createReceivedRepo, isInboundMessageApplied } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, addPlatform, type BallotNode } from "./harness.ts";
import {
  type BallotNetwork,
  ballotAt,
  castVote,
  openBallot,
  startBallotNetwork,
  type VoteJson,
  voteStatus,
  yes,
} from "./scenario.ts";

let net: BallotNetwork;

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.46", europe: "127.0.0.47", africa: "127.0.0.48" });
}, 90_000);
afterAll(async () => {
  await net?.close();
});

/**
 * A region that does not check what it sends: signs a vote with one of its platform actors and
 * queues it for the hub, as castVote would, without the region's own checks.
 */
async function sendUncheckedVote(
  region: BallotNode,
  input: { platformId: string; ballotUri: string; tamper?: boolean },
) {
  const network = ballotsDeps(region.kernel()).network;
  const actor = network.actorUri(region.tenant, input.platformId as CountryCode);
  const id = `${actor}/votes/${crypto.randomUUID()}`;
  const now = region.now();
  const signed = await network.signVote(
    region.tenant,
    input.platformId as CountryCode,
    {
      "@context": "https://dynamo.network/ns/ballots/v1",
      kind: "dynamo-vote/1",
      id,
      actor,
      ballot: input.ballotUri,
      platformId: input.platformId,
      choice: { kind: "options", optionIds: ["yes"] },
      castBy: { kind: "representative" },
      signedAt: now.toISOString(),
    },
    now,
  );
  // A forgery: the content changed after it was signed.
  const payload = input.tamper ? { ...signed, choice: { kind: "options", optionIds: ["no"] } } : signed;
  const hub = await network.hub(region.database.db, region.tenant);
  if (hub === undefined) throw new Error("not peered");
  await region.database.db.transaction((tx) =>
    network.enqueue(
      tx,
      region.tenant,
      { platformId: input.platformId as CountryCode },
      [hub],
      {
        activityId: id,
        objectId: `${id}/note`,
        verb: "create",
        published: now,
        document: payload,
        display: { as: "note", name: input.tamper ? "no" : "yes", about: input.ballotUri },
      },
      false,
    ),
  );
  network.wake();
  return id;
}

const receivedAtHub = (voteId: string) =>
  createReceivedVoteRepo(net.hub.database.db, net.hub.tenant.id).findByUri(voteId);

/** Waits until the hub's ballots worker has applied (accepted, refused or dropped) an activity. */
async function hubApplied(activityId: string) {
  await waitFor(() => isInboundMessageApplied(net.hub.database.db, net.hub.tenant.id, activityId), {
    what: `the hub to apply ${activityId}`,
    timeoutMs: 20_000,
  });
}

describe(`votes the hub refuses (${testDriver()})`, () => {
  it("refuses votes for a suspended platform, a platform that joined after the opening, and one signed by another region", async () => {
    const ballot = await openBallot(net);

    // Portugal is suspended: not in the electorate. Its region refuses the vote, and so does the hub.
    const fromPortugal = await castVote(net.europe, ballot.europeId, net.rep.PT, yes);
    expect(fromPortugal.status).toBe(403);
    expect(await fromPortugal.json()).toMatchObject({ type: "urn:dynamo:problem:not-in-electorate" });
    const portugal = await sendUncheckedVote(net.europe, { platformId: "PT", ballotUri: ballot.uri });
    await waitFor(async () => (await receivedAtHub(portugal)) !== undefined, {
      what: "the hub to record Portugal's vote",
      timeoutMs: 20_000,
    });
    expect(await receivedAtHub(portugal)).toMatchObject({ outcome: "refused", refusal: { kind: "not-in-electorate" } });

    // Germany joins after the opening: the electorate was frozen without it.
    await addPlatform(net.europe, "DE");
    const germany = await sendUncheckedVote(net.europe, { platformId: "DE", ballotUri: ballot.uri });
    await waitFor(async () => (await receivedAtHub(germany)) !== undefined, {
      what: "the hub to record Germany's vote",
      timeoutMs: 20_000,
    });
    expect((await receivedAtHub(germany))?.refusal).toMatchObject({ kind: "not-in-electorate" });

    // Europe registers Senegal, a platform of Africa, and votes for it: signed by the wrong region.
    const rogue = await addPlatform(net.europe, "SN");
    const rogueRep = await addPerson(net.europe, {
      email: "rogue@sn.test",
      roles: ["platform_representative"],
      platformId: rogue.id,
    });
    const cast = await castVote(net.europe, ballot.europeId, rogueRep, yes);
    expect(cast.status).toBe(202);
    const rogueVote = (await cast.json()) as VoteJson;
    await waitFor(
      async () => (await voteStatus(net.europe, ballot.europeId, rogueVote.id, rogueRep)).status === "refused",
      {
        what: "the hub's refusal of the vote signed by the wrong region",
        timeoutMs: 20_000,
      },
    );
    expect((await voteStatus(net.europe, ballot.europeId, rogueVote.id, rogueRep)).refusal?.kind).toBe("wrong-region");

    const live = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(live.turnout?.every((row) => row.voted === 0)).toBe(true);

    // While two regions claim Senegal, the hub opens no ballot; the secretariat is told which.
    await waitFor(
      async () =>
        (await net.hub.services().listNetworkPlatforms(net.hub.tenant)).filter((p) => p.countryCode === "SN").length ===
        2,
      { what: "the hub's roster to hold Europe's claim on Senegal", timeoutMs: 20_000 },
    );
    const draft = (await (
      await net.hub.api(
        "POST",
        "/api/ballots",
        {
          title: { en: "Blocked?" },
          opensAt: net.hub.now().toISOString(),
          closesAt: new Date(net.hub.now().getTime() + 3_600_000).toISOString(),
        },
        net.secretariat,
      )
    ).json()) as { id: string };
    const blocked = await net.hub.api("POST", `/api/ballots/${draft.id}/open`, undefined, net.secretariat);
    expect(blocked.status).toBe(409);
    expect(await blocked.json()).toMatchObject({ reason: "roster-conflict", platformIds: ["SN"] });

    // Europe withdraws its claim; the roster is settled for the next ballots.
    const withdrawn = await net.europe.api("PATCH", `/api/platforms/${rogue.id}`, {
      status: "suspended",
      reason: "not ours",
    });
    expect(withdrawn.status).toBe(200);
    await waitFor(
      async () =>
        (await net.hub.services().listNetworkPlatforms(net.hub.tenant)).filter((p) => p.countryCode === "SN").length ===
        1,
      { what: "the hub's roster to drop Europe's claim", timeoutMs: 20_000 },
    );
  }, 120_000);

  it("changes nothing for a forged or a replayed vote", async () => {
    const ballot = await openBallot(net, { title: "Adopt the regional rules?" });
    const vote = (await (await castVote(net.europe, ballot.europeId, net.rep.BE, yes)).json()) as VoteJson;
    await waitFor(
      async () => (await voteStatus(net.europe, ballot.europeId, vote.id, net.rep.BE)).status === "delivered",
      {
        what: "Belgium's vote to be received",
        timeoutMs: 20_000,
      },
    );
    const original = net.hub.posts.find((post) => post.body.includes(vote.activityId));
    if (original === undefined) throw new Error("the hub did not record the vote's request");

    // The same request again: already applied, nothing recorded twice.
    const { "content-length": _length, connection: _connection, ...headers } = original.headers;
    const replay = await fetch(original.url, { method: "POST", headers, body: original.body });
    expect(replay.status).toBeLessThan(300);
    // The same request as a new vote with the choice changed: its signature no longer matches.
    const voteUuid = vote.activityId.slice(vote.activityId.lastIndexOf("/") + 1);
    const forgedBody = original.body
      .replaceAll(voteUuid, crypto.randomUUID())
      .replaceAll('\\"yes\\"', '\\"no\\"')
      .replace('"name":"yes"', '"name":"no"');
    expect(forgedBody).not.toBe(original.body);
    const forged = await fetch(original.url, { method: "POST", headers, body: forgedBody });
    expect(forged.status).toBeGreaterThanOrEqual(400);

    // A peer that signs the activity properly but changed the vote after its platform signed it.
    const tampered = await sendUncheckedVote(net.europe, { platformId: "FR", ballotUri: ballot.uri, tamper: true });
    await hubApplied(tampered);
    // Refused and recorded as every refused message is, whatever its kind: sender, activity,
    // kind, reason; and shown to the hub's admin with the others.
    const refusals = await createReceivedRepo(net.hub.database.db, net.hub.tenant.id).refusals(100);
    const refused = refusals.find((r) => r.activityId === tampered);
    expect(refused).toMatchObject({
      reason: "bad-proof",
      type: "dynamo-vote/1",
      actorId: `${net.europe.origin}/ap/actors/platform-fr`,
    });
    expect(refused?.detail).toContain("bad-signature");
    const page = await fetch(`${net.hub.origin}/admin/delivery`, {
      headers: { accept: "text/html", authorization: `Bearer ${await net.hub.token(net.hub.adminEmail)}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(tampered);
    expect(html).toContain("bad-proof");

    const received = await createReceivedVoteRepo(net.hub.database.db, net.hub.tenant.id).list(
      (await ballotAt(net.hub, ballot.hubId, net.secretariat)).id as never,
    );
    expect(received.map((v) => [v.vote.platformId, v.outcome, v.vote.choice])).toEqual([
      ["BE", "accepted", { kind: "options", optionIds: ["yes"] }],
    ]);
    const live = await ballotAt(net.hub, ballot.hubId, net.secretariat);
    expect(live.turnout).toEqual([
      { regionCode: "AF", voted: 0, electorate: 2 },
      { regionCode: "EU", voted: 1, electorate: 3 },
    ]);
  }, 120_000);
});

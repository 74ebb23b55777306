import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, type BallotNode } from "../ballots/harness.ts";
import { type BallotNetwork, castVote, HOUR, MINUTE, startBallotNetwork, yes } from "../ballots/scenario.ts";
import { type AmendmentJson, json, seed, type VersionJson, waitForState, waitForVersion } from "./support.ts";

let net: BallotNetwork;
let people: { coordinator: string; member: string; african: string };

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.66", europe: "127.0.0.67", africa: "127.0.0.68" });
  people = {
    coordinator: await addPerson(net.europe, { email: "coord@eu.test", roles: ["regional_coordinator"], name: "Eva" }),
    member: await addPerson(net.europe, { email: "member@eu.test", roles: ["member"], name: "Marta" }),
    african: await addPerson(net.africa, { email: "member@af.test", roles: ["member"], name: "Kwame" }),
  };
}, 180_000);
afterAll(async () => {
  await net?.close();
});

interface DraftJson {
  textKey: string;
  state: string;
  ballotUri: string | null;
  comments: { articleId: string; body: string; authorName: string }[];
}

async function regionBallotId(region: BallotNode, uri: string): Promise<string> {
  let id = "";
  await waitFor(
    async () => {
      const { ballots } = (await (await region.api("GET", "/api/ballots")).json()) as {
        ballots: { id: string; uri: string }[];
      };
      id = ballots.find((b) => b.uri === uri)?.id ?? "";
      return id !== "";
    },
    { what: `${region.spec.slug} to receive the ballot`, timeoutMs: 20_000 },
  );
  return id;
}

describe(`a regional ROI drafted at its region and adopted by the IPG (${testDriver()})`, () => {
  it("is drafted by Europe's coordinator, commented by a member, submitted, voted at the IPG and in force network-wide", async () => {
    const markdown = { en: seed("europe.en.md") };
    // Only the coordinator drafts, and only the region's own text.
    expect((await net.europe.api("POST", "/api/rules/region-EU/import", { markdown }, people.member)).status).toBe(403);
    expect((await net.europe.api("POST", "/api/rules/region-AF/import", { markdown }, people.coordinator)).status).toBe(
      403,
    );
    await json(
      await net.europe.api("POST", "/api/rules/region-EU/import", { markdown }, people.coordinator),
      201,
      "importRules",
    );
    await json(
      await net.europe.api(
        "POST",
        "/api/rules/region-EU/draft/comments",
        { articleId: "art-2", body: "Name the host country of the RPG." },
        people.member,
      ),
      201,
      "commentRegionalRules",
    );
    const unknownArticle = await net.europe.api(
      "POST",
      "/api/rules/region-EU/draft/comments",
      { articleId: "art-99", body: "?" },
      people.member,
    );
    expect(unknownArticle.status).toBe(404);
    const draft = await json<DraftJson>(
      await net.europe.api("GET", "/api/rules/region-EU/draft", undefined, people.member),
      200,
      "getRegionalRulesDraft",
    );
    expect(draft.comments.map((c) => [c.articleId, c.authorName])).toEqual([["art-2", "Marta"]]);

    expect((await net.europe.api("POST", "/api/rules/region-EU/draft/submit", undefined, people.member)).status).toBe(
      403,
    );
    await json(
      await net.europe.api("POST", "/api/rules/region-EU/draft/submit", undefined, people.coordinator),
      200,
      "submitRegionalRules",
    );
    await waitFor(
      async () => (await net.hub.api("GET", "/api/rules/region-EU/draft", undefined, net.secretariat)).status === 200,
      {
        what: "the hub to receive Europe's draft",
        timeoutMs: 20_000,
      },
    );
    const closesAt = new Date(net.hub.now().getTime() + HOUR).toISOString();
    const scheduled = await json<{ state: string; ballotUri: string }>(
      await net.hub.api("POST", "/api/rules/region-EU/draft/schedule", { closesAt }, net.secretariat),
      200,
      "scheduleRegionalRules",
    );
    expect(scheduled.state).toBe("scheduled");
    await waitFor(
      async () =>
        (
          (await (
            await net.europe.api("GET", "/api/rules/region-EU/draft", undefined, people.member)
          ).json()) as DraftJson
        ).state === "scheduled",
      { what: "Europe to see its ROI put to the vote", timeoutMs: 20_000 },
    );

    const europe = await regionBallotId(net.europe, scheduled.ballotUri);
    const africa = await regionBallotId(net.africa, scheduled.ballotUri);
    for (const [region, id, email] of [
      [net.europe, europe, net.rep.BE],
      [net.europe, europe, net.rep.FR],
      [net.africa, africa, net.rep.SN],
      [net.africa, africa, net.rep.CM],
    ] as const) {
      expect((await castVote(region, id, email, yes)).status).toBe(202);
    }
    await waitFor(
      async () => {
        const hubBallots = (await (await net.hub.api("GET", "/api/ballots", undefined, net.secretariat)).json()) as {
          ballots: { id: string; uri: string }[];
        };
        const id = hubBallots.ballots.find((b) => b.uri === scheduled.ballotUri)?.id;
        const view = (await (await net.hub.api("GET", `/api/ballots/${id}`, undefined, net.secretariat)).json()) as {
          turnout: { voted: number }[];
        };
        return view.turnout.reduce((n, r) => n + r.voted, 0) === 4;
      },
      { what: "the hub to receive the four votes", timeoutMs: 30_000 },
    );
    net.advanceAll(2 * HOUR + MINUTE);

    // Adopted: in force at the region, readable at every node, with its ballot.
    const atEurope = await waitForVersion(net.europe, "region-EU", 1);
    expect(atEurope.ballotUri).toBe(scheduled.ballotUri);
    const atAfrica: VersionJson = await waitForVersion(net.africa, "region-EU", 1);
    expect(atAfrica.hash).toBe(atEurope.hash);
    await waitFor(
      async () =>
        (
          (await (
            await net.europe.api("GET", "/api/rules/region-EU/draft", undefined, people.member)
          ).json()) as DraftJson
        ).state === "adopted",
      { what: "Europe to see its ROI adopted", timeoutMs: 20_000 },
    );
    const page = await fetch(`${net.africa.origin}/rules/region-EU`, {
      headers: { accept: "text/html", authorization: `Bearer ${await net.africa.token(people.african)}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Regional Pilot Group");

    // Later amendments follow the same road: by a member of that region only.
    const byAfrica = await net.africa.api(
      "POST",
      "/api/rules/region-EU/amendments",
      { operations: [{ op: "delete", articleId: "art-3" }], rationale: "Not ours." },
      people.african,
    );
    expect(byAfrica.status).toBe(403);
    const amendment = await json<AmendmentJson>(
      await net.europe.api(
        "POST",
        "/api/rules/region-EU/amendments",
        {
          operations: [
            { op: "insert", sectionId: "sec-2", after: "art-3", wording: { en: "The RPG meets every year." } },
          ],
          rationale: "Yearly meetings.",
        },
        people.member,
      ),
      201,
      "proposeAmendment",
    );
    const atHub = await waitForState(net.hub, amendment.id, "submitted");
    expect(atHub.textKey).toBe("region-EU");
    await waitForState(net.africa, amendment.id, "submitted");
  }, 180_000);
});

/**
 * What the upgrade fixture's network holds (make-fixture.ts): peering, platforms and people, the
 * international rules of procedure, an IPG ballot voted, counted and verified, and an annual
 * report written, approved, submitted and acknowledged; all through the public API.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "@dynamo/testing";
import {
  advanceClock,
  clock,
  DAY,
  expectJson,
  type FixtureNode,
  HOUR,
  MINUTE,
  peerState,
  person,
} from "./make-fixture-nodes.ts";

const CYCLE = "2025";

/** Runs the scenario on the two nodes; returns what the upgrade test checks (network.json). */
export async function runScenario(hub: FixtureNode, europe: FixtureNode) {
  // Peering: Europe asks, the hub's admin approves.
  await expectJson(await europe.api("POST", "/api/peers", { actor: hub.actorUrl }), 202, "requestPeering");
  await waitFor(async () => (await peerState(hub, europe.actorUrl)) === "requested", { timeoutMs: 30_000 });
  await expectJson(
    await hub.api("POST", "/api/peers/decision", { actor: europe.actorUrl, decision: "approve" }),
    200,
    "decidePeering",
  );
  await waitFor(async () => (await peerState(europe, hub.actorUrl)) === "active", { timeoutMs: 30_000 });

  // Members and platforms.
  const platforms: Record<string, string> = {};
  for (const country of ["BE", "FR"]) {
    const created = await expectJson<{ id: string }>(
      await europe.api("POST", "/api/platforms", {
        countryCode: country,
        names: { en: `Platform ${country}`, fr: `Plateforme ${country}` },
        status: "active",
        joinedOn: "2019-05-01",
        reason: "founding member",
      }),
      201,
      "createPlatform",
    );
    platforms[country] = created.id;
  }
  const rep = { BE: "rep@be.test", FR: "rep@fr.test" } as const;
  for (const country of ["BE", "FR"] as const) {
    const id = await person(
      europe.database,
      europe.tenant,
      rep[country],
      ["platform_representative"],
      `Rep ${country}`,
    );
    await expectJson(
      await europe.api("PATCH", `/api/members/${id}`, {
        platformId: platforms[country],
        platformSeat: "representative",
      }),
      200,
      "updateMember",
    );
  }
  const coordinator = "coord@europe.test";
  await person(europe.database, europe.tenant, coordinator, ["regional_coordinator"], "Europe's coordinator");
  await person(europe.database, europe.tenant, "member@europe.test", ["member"], "A member");
  const secretariat = "secretariat@hub.test";
  await person(hub.database, hub.tenant, secretariat, ["ipg_secretariat"], "IPG secretariat");
  const team = "team@hub.test";
  await person(hub.database, hub.tenant, team, ["technical_team"], "Technical team");
  await waitFor(async () => (await hub.rosterCountries()).sort().join() === "BE,FR", {
    what: "the hub's roster to hold BE and FR",
    timeoutMs: 30_000,
  });

  // The international rules of procedure, imported at the hub, kept by the region.
  const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../packages/procedure/seed");
  const markdown = {
    en: await readFile(path.join(seedDir, "international.en.md"), "utf8"),
    fr: await readFile(path.join(seedDir, "international.fr.md"), "utf8"),
  };
  const rules = await expectJson<{ number: number; hash: string }>(
    await hub.api("POST", "/api/rules/international/import", { markdown }, secretariat),
    201,
    "importRules",
  );
  await waitFor(async () => (await europe.api("GET", "/api/rules/international/versions/current")).status === 200, {
    what: "Europe to keep the rules",
    timeoutMs: 30_000,
  });

  // An IPG ballot: opened at the hub, voted at the region, counted at close + grace, verified.
  const now = clock().getTime();
  const draft = await expectJson<{ id: string; uri: string }>(
    await hub.api(
      "POST",
      "/api/ballots",
      {
        title: { en: "Adopt the 2027 budget?", fr: "Adopter le budget 2027 ?" },
        description: { en: "The budget as presented by the technical team." },
        rules: {
          options: { kind: "yes-no" },
          majority: { kind: "simple" },
          abstentions: "excluded",
          blanks: "excluded",
          quorum: null,
          maxProxiesPerHolder: 1,
          substitutesAllowed: true,
          secrecy: "roll-call",
        },
        opensAt: new Date(now - MINUTE).toISOString(),
        closesAt: new Date(now + HOUR).toISOString(),
        graceMinutes: 60,
      },
      secretariat,
    ),
    201,
    "createBallot",
  );
  await expectJson(await hub.api("POST", `/api/ballots/${draft.id}/open`, undefined, secretariat), 200, "openBallot");
  const regionBallotId = await waitFor(
    async () => {
      const { ballots } = await expectJson<{ ballots: { id: string; uri: string }[] }>(
        await europe.api("GET", "/api/ballots"),
        200,
        "listBallots",
      );
      return ballots.find((b) => b.uri === draft.uri)?.id;
    },
    { what: "Europe to receive the ballot", timeoutMs: 30_000 },
  );
  const votes: { country: string; email: string; id: string; receipt: string }[] = [];
  for (const [country, choice] of [
    ["BE", "yes"],
    ["FR", "no"],
  ] as const) {
    const cast = await expectJson<{ id: string }>(
      await europe.api(
        "POST",
        `/api/ballots/${regionBallotId}/votes`,
        { choice: { kind: "options", optionIds: [choice] } },
        rep[country],
      ),
      202,
      "castVote",
    );
    const receipt = await waitFor(
      async () => {
        const vote = await expectJson<{ status: string; receipt: string | null }>(
          await europe.api("GET", `/api/ballots/${regionBallotId}/votes/${cast.id}`, undefined, rep[country]),
          200,
          "getVoteReceipt",
        );
        return vote.status === "delivered" ? (vote.receipt ?? undefined) : undefined;
      },
      { what: `the hub's receipt of ${country}'s vote`, timeoutMs: 30_000 },
    );
    votes.push({ country, email: rep[country], id: cast.id, receipt });
  }
  advanceClock(2 * HOUR + MINUTE);
  await waitFor(
    async () => {
      const view = await expectJson<{ status: string; verifiedBy?: number }>(
        await hub.api("GET", `/api/ballots/${draft.id}`, undefined, secretariat),
        200,
        "getBallot",
      );
      return view.status === "closed" && view.verifiedBy === 1;
    },
    { what: "the hub to count the ballot and Europe to verify it", timeoutMs: 60_000 },
  );

  // The annual activity report: expected by the hub, written and approved at the region,
  // signed to the hub, acknowledged with a signed receipt.
  const due = new Date(clock().getTime() + 30 * DAY).toISOString();
  await expectJson(
    await hub.api(
      "PUT",
      `/api/reporting/${CYCLE}/expectations`,
      { region: "EU", kind: "activity", dueDate: due },
      team,
    ),
    204,
    "expectReport",
  );
  const { report } = await expectJson<{
    report: { id: string; sections: { id: string; platformId: string | null }[] };
  }>(
    await europe.api("POST", "/api/reports", { kind: "activity", cycle: CYCLE, dueDate: due }, coordinator),
    201,
    "createReport",
  );
  const sectionPath = (platformId: string | null) =>
    `/api/reports/${report.id}/sections/${report.sections.find((s) => s.platformId === platformId)?.id}`;
  const activities: Record<string, unknown[]> = {
    coordination: [
      {
        kind: "pilot-group",
        title: "Regional pilot group, Lisbon",
        startedOn: "2025-02-12",
        participants: 18,
        description: "Two days with the platforms' coordinators.",
      },
    ],
    BE: [
      {
        kind: "field-visit",
        title: "Field visit to the Brussels North station teams",
        startedOn: "2025-10-14",
        participants: 7,
        description: "Visit of the teams working around the station.",
      },
    ],
    FR: [
      {
        kind: "training",
        title: "Training module: outreach at night, Marseille",
        startedOn: "2025-09-22",
        participants: 31,
        description: "Module of the network's curriculum.",
      },
    ],
  };
  for (const [owner, email, platformId] of [
    ["coordination", coordinator, null],
    ["BE", rep.BE, platforms.BE],
    ["FR", rep.FR, platforms.FR],
  ] as const) {
    await expectJson(
      await europe.api(
        "PUT",
        sectionPath(platformId ?? null),
        {
          texts:
            owner === "coordination" ? { summary: { text: "A year of regional coordination.", sensitive: false } } : {},
          indicators: [],
          activities: activities[owner],
        },
        email,
      ),
      200,
      `saveReportSection (${owner})`,
    );
    await expectJson(
      await europe.api("POST", `${sectionPath(platformId ?? null)}/submit`, undefined, email),
      200,
      `submitReportSection (${owner})`,
    );
  }
  const statement = "One regional pilot group, a field visit in Brussels and a training module in Marseille.";
  await expectJson(
    await europe.api(
      "PUT",
      `/api/reports/${report.id}/synthesis`,
      {
        locale: "en",
        statements: [{ text: statement, sourceSectionIds: report.sections.map((s) => s.id), sensitive: false }],
      },
      coordinator,
    ),
    200,
    "writeReportSynthesis",
  );
  await expectJson(
    await europe.api("POST", `/api/reports/${report.id}/approve`, undefined, coordinator),
    200,
    "approveReport",
  );
  await expectJson(
    await europe.api("POST", `/api/reports/${report.id}/submit`, undefined, coordinator),
    200,
    "submitReportToHub",
  );
  const hubReportId = await waitFor(
    async () => {
      const response = await hub.api("GET", `/api/reports/${report.id}`, undefined, team);
      return response.status === 200 ? report.id : undefined;
    },
    { what: "the hub to receive Europe's report", timeoutMs: 30_000 },
  );
  await expectJson(
    await hub.api("POST", `/api/reports/${hubReportId}/decision`, { decision: "acknowledge" }, team),
    200,
    "decideReport",
  );
  await waitFor(
    async () => {
      const { report: mine } = await expectJson<{ report: { state: string } }>(
        await europe.api("GET", `/api/reports/${report.id}`, undefined, coordinator),
        200,
        "getReport",
      );
      return mine.state === "acknowledged";
    },
    { what: "Europe to receive the hub's receipt", timeoutMs: 30_000 },
  );
  return {
    people: { secretariat, team, coordinator, rep },
    rules: { textKey: "international", number: rules.number, hash: rules.hash },
    ballot: { hubId: draft.id, regionId: regionBallotId, uri: draft.uri, votes },
    report: {
      id: report.id,
      cycle: CYCLE,
      statement,
      titles: Object.values(activities).flatMap((list) => list.map((a) => (a as { title: string }).title)),
    },
  };
}

import { createReportExchangeRepo } from "@dynamo/reports";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, addPlatform, expectStatus, peerWithHub, type ReportNode, startReportNode } from "./harness.ts";

/**
 * The annual activity report, region → hub over real HTTP with real signatures: the coordinator
 * writes the coordination's activities (regional pilot group, advocacy action, training module)
 * and a platform its own (a field visit), the coordinator writes the summary and approves, the
 * report is signed to the hub, which counts it on its dashboard, acknowledges it with a signed
 * receipt, and exports it with every activity.
 */
const CYCLE = "2025";
const DAY = 24 * 3600 * 1000;

interface ReportJson {
  id: string;
  kind: string;
  state: string;
  sections: {
    id: string;
    platformId: string | null;
    status: string;
    content: { activities: { kind: string; title: string }[] };
  }[];
  history: { revision: number; acknowledgedAt: string | null }[];
}

const COORDINATION_ACTIVITIES = [
  {
    kind: "pilot-group",
    title: "Regional pilot group, Lisbon",
    startedOn: "2025-02-12",
    participants: 18,
    description: "Two days with the six platforms' coordinators.",
  },
  {
    kind: "advocacy",
    title: "Hearing at the European Parliament, children in street situations",
    startedOn: "2025-05-06",
    participants: null,
    description: "",
  },
  {
    kind: "training",
    title: "Training module: outreach at night",
    startedOn: "2025-09-22",
    participants: 31,
    description: "Module of the network's curriculum, given in French and Portuguese.",
  },
];
const PLATFORM_ACTIVITY = {
  kind: "field-visit",
  title: "Field visit to the Brussels North station teams",
  startedOn: "2025-10-14",
  participants: 7,
  description: "Visit, with the Dutch platform, of the teams working around the station.",
};

let hub: ReportNode;
let europe: ReportNode;
let platformId = "";
let report: ReportJson;
let due: Date;

beforeAll(async () => {
  hub = await startReportNode({ kind: "hub", slug: "hub", address: "127.0.0.82" });
  europe = await startReportNode({ kind: "region", slug: "europe", address: "127.0.0.83", regionCode: "EU" });
  platformId = await addPlatform(europe, "BE");
  await addPerson(europe, { email: "coord@europe.test", roles: ["regional_coordinator"] });
  await addPerson(europe, { email: "rep@be.test", roles: ["platform_representative"], platformId });
  await addPerson(hub, { email: "team@hub.test", roles: ["technical_team"] });
  await peerWithHub(europe, hub);
  due = new Date(Date.now() + 30 * DAY);
}, 120_000);

afterAll(async () => {
  await europe?.close();
  await hub?.close();
});

const coordinator = (method: string, path: string, body?: unknown) =>
  europe.api(method, path, body, "coord@europe.test");

describe(`the annual activity report, region to hub (${testDriver()})`, () => {
  it("the hub expects it; the region opens it with the coordination's own section and each platform's", async () => {
    await expectStatus(
      await hub.api(
        "PUT",
        `/api/reporting/${CYCLE}/expectations`,
        { region: "EU", kind: "activity", dueDate: due.toISOString() },
        "team@hub.test",
      ),
      204,
      "expectReport",
    );
    ({ report } = await expectStatus<{ report: ReportJson }>(
      await coordinator("POST", "/api/reports", { kind: "activity", cycle: CYCLE, dueDate: due.toISOString() }),
      201,
      "createReport",
    ));
    expect(report).toMatchObject({ kind: "activity", state: "collecting" });
    expect(report.sections.map((s) => s.platformId).sort()).toEqual([null, platformId].sort());
  });

  it("the coordinator writes the coordination's activities, the platform its own, and the summary; the region approves", async () => {
    const coordination = report.sections.find((s) => s.platformId === null)?.id;
    const platform = report.sections.find((s) => s.platformId === platformId)?.id;
    const sectionPath = (id: string | undefined) => `/api/reports/${report.id}/sections/${id}`;
    // A representative cannot write the coordination's section.
    expect(
      (
        await europe.api(
          "PUT",
          sectionPath(coordination),
          { texts: {}, indicators: [], activities: [PLATFORM_ACTIVITY] },
          "rep@be.test",
        )
      ).status,
    ).toBe(403);
    await expectStatus(
      await coordinator("PUT", sectionPath(coordination), {
        texts: { summary: { text: "A year of regional coordination.", sensitive: false } },
        indicators: [],
        activities: COORDINATION_ACTIVITIES,
      }),
      200,
      "saveReportSection (coordination)",
    );
    await expectStatus(await coordinator("POST", `${sectionPath(coordination)}/submit`), 200, "submit coordination");
    await expectStatus(
      await europe.api(
        "PUT",
        sectionPath(platform),
        { texts: {}, indicators: [], activities: [PLATFORM_ACTIVITY] },
        "rep@be.test",
      ),
      200,
      "saveReportSection (platform)",
    );
    const { report: collected } = await expectStatus<{ report: ReportJson }>(
      await europe.api("POST", `${sectionPath(platform)}/submit`, undefined, "rep@be.test"),
      200,
      "submit platform",
    );
    expect(collected.state).toBe("synthesis");
    await expectStatus(
      await coordinator("PUT", `/api/reports/${report.id}/synthesis`, {
        locale: "en",
        statements: [
          {
            text: "Summary: one regional pilot group, one advocacy action, one training module and a field visit.",
            sourceSectionIds: [coordination, platform],
            sensitive: false,
          },
        ],
      }),
      200,
      "writeReportSynthesis",
    );
    const { report: approved } = await expectStatus<{ report: ReportJson }>(
      await coordinator("POST", `/api/reports/${report.id}/approve`),
      200,
      "approveReport",
    );
    expect(approved.state).toBe("approved");
    // Approved content is locked.
    const locked = await coordinator("PUT", sectionPath(coordination), {
      texts: {},
      indicators: [],
      activities: [],
    });
    expect(locked.status).toBe(409);
    expect(((await locked.json()) as { reason: string }).reason).toBe("section-locked");
  });

  it("signs it to the hub, which counts it received and on time", { timeout: 60_000 }, async () => {
    await expectStatus(await coordinator("POST", `/api/reports/${report.id}/submit`), 200, "submitReportToHub");
    const [received] = await waitFor(
      async () => {
        const list = await createReportExchangeRepo(hub.database.db, hub.tenant.id).submissions({ cycle: CYCLE });
        return list.length === 1 ? list : undefined;
      },
      { what: "the hub to record Europe's activity report", timeoutMs: 30_000 },
    );
    expect(received).toMatchObject({ kind: "activity", region: "EU", revision: 1, signer: europe.actorUrl });

    const dashboard = await expectStatus<{
      network: Record<string, number>;
      regions: { region: string; reports: Record<string, number>; state: string | null }[];
      entries: { kind: string; region: string; platformId: string | null; status: string }[];
    }>(await hub.api("GET", `/api/reporting/${CYCLE}/dashboard`, undefined, "team@hub.test"), 200, "dashboard");
    expect(dashboard.network).toMatchObject({ expected: 1, received: 1, onTime: 1, late: 0, missing: 0 });
    expect(dashboard.regions).toEqual([
      expect.objectContaining({ region: "EU", state: "submitted", reports: expect.objectContaining({ onTime: 1 }) }),
    ]);
    expect(dashboard.entries.map((e) => [e.kind, e.region, e.platformId, e.status])).toEqual([
      ["activity", "EU", null, "on-time"],
      ["activity", "EU", platformId, "on-time"],
    ]);
  });

  it("acknowledges it with a signed receipt that the region records", { timeout: 60_000 }, async () => {
    const { report: decided } = await expectStatus<{ report: ReportJson }>(
      await hub.api("POST", `/api/reports/${report.id}/decision`, { decision: "acknowledge" }, "team@hub.test"),
      200,
      "decideReport",
    );
    expect(decided.state).toBe("acknowledged");
    const atRegion = await waitFor(
      async () => {
        const { report: mine } = await expectStatus<{ report: ReportJson }>(
          await coordinator("GET", `/api/reports/${report.id}`),
          200,
          "getReport",
        );
        return mine.state === "acknowledged" ? mine : undefined;
      },
      { what: "Europe to receive the hub's receipt", timeoutMs: 30_000 },
    );
    expect(atRegion.history).toEqual([expect.objectContaining({ revision: 1, acknowledgedAt: expect.any(String) })]);
    const receipts = await createReportExchangeRepo(europe.database.db, europe.tenant.id).receipts(report.id);
    expect(receipts.map((r) => [r.decision, r.revision, r.signer])).toEqual([["acknowledged", 1, hub.actorUrl]]);
    const signed = JSON.parse(receipts[0]?.signedJson ?? "{}") as {
      type: string;
      actor: string;
      proof: { cryptosuite: string; verificationMethod: string };
    };
    expect(signed).toMatchObject({ type: "ReportDecision", actor: hub.actorUrl });
    expect(signed.proof.cryptosuite).toBe("eddsa-jcs-2022");
    expect(signed.proof.verificationMethod.startsWith(`${hub.actorUrl}#`)).toBe(true);
  });

  it("exports it as CSV at the hub with every activity, the coordination's and the platform's", async () => {
    const response = await hub.api("GET", `/api/reports/${report.id}/export?format=csv`, undefined, "team@hub.test");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="eu-activity-${CYCLE}-internal.csv"`,
    );
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe("region,section,language,type,field,value");
    const coordination = "EU,Regional coordination,en,activity";
    const platform = "EU,Platform BE,en,activity";
    expect(lines.filter((l) => l.includes(",activity,"))).toEqual([
      `${coordination},pilot-group,"2025-02-12 Regional pilot group, Lisbon"`,
      `${coordination},pilot-group/participants,18`,
      `${coordination},pilot-group/description,Two days with the six platforms' coordinators.`,
      `${coordination},advocacy,"2025-05-06 Hearing at the European Parliament, children in street situations"`,
      `${coordination},training,2025-09-22 Training module: outreach at night`,
      `${coordination},training/participants,31`,
      `${coordination},training/description,"Module of the network's curriculum, given in French and Portuguese."`,
      `${platform},field-visit,2025-10-14 Field visit to the Brussels North station teams`,
      `${platform},field-visit/participants,7`,
      `${platform},field-visit/description,"Visit, with the Dutch platform, of the teams working around the station."`,
    ]);
    expect(lines).toContain(
      "EU,Regional coordination,en,statement,1 (Regional coordination; Platform BE)," +
        '"Summary: one regional pilot group, one advocacy action, one training module and a field visit."',
    );
    // The region's own export says the same.
    const atRegion = await (await coordinator("GET", `/api/reports/${report.id}/export?format=csv`)).text();
    expect(atRegion.split("\r\n").filter((l) => l.includes(",activity,"))).toEqual(
      lines.filter((l) => l.includes(",activity,")),
    );
  });
});

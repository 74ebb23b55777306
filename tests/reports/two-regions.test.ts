import { outboxActivities } from "@dynamo/federation";
import {
  createReportExchangeRepo,
  createReportRepo,
  reportReceipts,
  reportSubmissions,
  reports,
  reportsNetwork,
} from "@dynamo/reports";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addPlatform,
  defineIndicators,
  expectStatus,
  indicatorDefinition,
  peerWithHub,
  type ReportNode,
  refusalsOf,
  startReportNode,
} from "./harness.ts";

/**
 * Two regions and the hub, each its own node and database, over real HTTP with real HTTP
 * Signatures and Ed25519 integrity proofs: both regions submit their biennial status report
 * (one of them offline at the due date, submitting late), the hub's dashboard and aggregates
 * say so, a forged and an altered report are refused, and the published report reaches the
 * other region.
 */
const DAY = 24 * 3600 * 1000;
const CYCLE = "2024-2026";
const SENSITIVE = "Names of the children held after the raid.";

const DEFINITIONS = [
  indicatorDefinition({
    key: "people-reached",
    cycles: [CYCLE],
    labels: { en: "People reached" },
    breakdown: { kind: "population-group" },
  }),
  indicatorDefinition({
    key: "street-workers",
    cycles: [CYCLE],
    labels: { en: "Street workers active" },
    unit: "street-workers",
    aggregation: "average",
  }),
];

let hub: ReportNode;
let europe: ReportNode;
let africa: ReportNode;
let due: Date;
const reportIds: Record<string, string> = {};

beforeAll(async () => {
  hub = await startReportNode({ kind: "hub", slug: "hub", address: "127.0.0.40" });
  europe = await startReportNode({ kind: "region", slug: "europe", address: "127.0.0.41", regionCode: "EU" });
  africa = await startReportNode({ kind: "region", slug: "africa", address: "127.0.0.42", regionCode: "AF" });
  for (const node of [hub, europe, africa]) await defineIndicators(node, DEFINITIONS);
  const be = await addPlatform(europe, "BE");
  const sn = await addPlatform(africa, "SN");
  await addPerson(europe, { email: "coord@europe.test", roles: ["regional_coordinator"] });
  await addPerson(europe, { email: "rep@be.test", roles: ["platform_representative"], platformId: be });
  await addPerson(africa, { email: "coord@africa.test", roles: ["regional_coordinator"] });
  await addPerson(africa, { email: "rep@sn.test", roles: ["platform_representative"], platformId: sn });
  await addPerson(hub, { email: "team@hub.test", roles: ["technical_team"] });
  await peerWithHub(europe, hub);
  await peerWithHub(africa, hub);
  due = new Date(Date.now() + DAY);
  const exchange = createReportExchangeRepo(hub.database.db, hub.tenant.id);
  for (const region of ["EU", "AF"] as const)
    await exchange.expect({ cycle: CYCLE, kind: "status", region, dueDate: due, platforms: [] });
}, 120_000);

afterAll(async () => {
  await Promise.all([europe?.close(), africa?.close()]);
  await hub?.close();
});

/** A region's report, from opening to the coordinator's approval. */
async function approvedReport(
  node: ReportNode,
  coordinator: string,
  rep: string,
  situation: string,
  reached: number,
  workers: number,
) {
  const { report } = await expectStatus<{ report: { id: string; sections: { id: string }[] } }>(
    await node.api("POST", "/api/reports", { kind: "status", cycle: CYCLE, dueDate: due.toISOString() }, coordinator),
    201,
    "createReport",
  );
  const section = report.sections[0]?.id ?? "";
  const path = `/api/reports/${report.id}/sections/${section}`;
  await expectStatus(
    await node.api(
      "PUT",
      path,
      {
        texts: {
          situation: { text: situation, sensitive: false },
          results: { text: "Teams trained.", sensitive: false },
          difficulties: { text: SENSITIVE, sensitive: true },
        },
        indicators: [
          { key: "people-reached", version: 1, total: reached, byCategory: { children: Math.floor(reached / 2) } },
          { key: "street-workers", version: 1, total: workers },
        ],
        activities: [],
      },
      rep,
    ),
    200,
    "saveReportSection",
  );
  await expectStatus(await node.api("POST", `${path}/submit`, undefined, rep), 200, "submitReportSection");
  await expectStatus(
    await node.api(
      "PUT",
      `/api/reports/${report.id}/synthesis`,
      {
        locale: "en",
        statements: [{ text: `Synthesis: ${situation}`, sourceSectionIds: [section], sensitive: false }],
      },
      coordinator,
    ),
    200,
    "writeReportSynthesis",
  );
  await expectStatus(
    await node.api("POST", `/api/reports/${report.id}/approve`, undefined, coordinator),
    200,
    "approveReport",
  );
  return report.id;
}

const submissionsAtHub = () => createReportExchangeRepo(hub.database.db, hub.tenant.id).submissions({ cycle: CYCLE });

const refusalsAtHub = () => refusalsOf(hub);

/** What a report message could change at the hub (each node has its own database), and its refused messages. */
async function hubState() {
  const db = hub.database.db;
  const outgoing = (await db.select({ type: outboxActivities.type }).from(outboxActivities)).filter(
    (a) => a.type === "Create",
  );
  return {
    reports: await db.$count(reports),
    submissions: await db.$count(reportSubmissions),
    receipts: await db.$count(reportReceipts),
    sent: outgoing.length,
    copyVersion: (await createReportRepo(db, hub.tenant.id).find(reportIds.EU ?? ""))?.version,
    refusals: (await refusalsAtHub()).length,
  };
}

describe(`two regions report to the hub over signed ActivityPub (${testDriver()})`, () => {
  it("receives Europe's signed report on time", { timeout: 60_000 }, async () => {
    reportIds.EU = await approvedReport(
      europe,
      "coord@europe.test",
      "rep@be.test",
      "Brussels: night outreach.",
      100,
      10,
    );
    const submitted = await europe.api("POST", `/api/reports/${reportIds.EU}/submit`, undefined, "coord@europe.test");
    expect((await expectStatus<{ report: { state: string } }>(submitted, 200, "submitReportToHub")).report.state).toBe(
      "submitted",
    );

    const [received] = await waitFor(
      async () => {
        const list = await submissionsAtHub();
        return list.length === 1 ? list : undefined;
      },
      { what: "the hub to record Europe's report", timeoutMs: 30_000 },
    );
    expect(received).toMatchObject({ region: "EU", revision: 1, signer: europe.actorUrl });
    expect(received?.keyId).toMatch(new RegExp(`^${europe.actorUrl}#multikey-`));
    expect(JSON.parse(received?.signedJson ?? "{}").proof.cryptosuite).toBe("eddsa-jcs-2022");
  });

  it("refuses a report Africa's node signs for Europe, one altered after signing, one naming another actor and a malformed one; records why and changes nothing", {
    timeout: 60_000,
  }, async () => {
    const [stored] = await submissionsAtHub();
    const original = JSON.parse(stored?.signedJson ?? "{}") as Record<string, unknown> & {
      report: { id: string; history: { revision: number }[] };
    };
    // A well-formed second revision: only its signature can make the hub refuse it.
    const revision2 = {
      ...original.report,
      revision: 2,
      history: [...original.report.history, { ...original.report.history[0], revision: 2 }],
    };
    const before = await hubState();
    const network = reportsNetwork(africa.kernel().exchange);
    const europeNetwork = reportsNetwork(europe.kernel().exchange);
    const hubPeer = (await network.peers(africa.database.db, africa.tenant)).find((p) => p.role === "hub");
    if (hubPeer === undefined) throw new Error("africa has no hub");
    const key = { actorId: network.actorId(africa.tenant) };
    const { proof: _proof, ...unsigned } = original;
    const fromAfrica = async (message: Record<string, unknown>) => {
      await africa.database.db.transaction((tx) =>
        network.enqueue(tx, africa.tenant, [hubPeer], message as never, false),
      );
      network.wake();
    };
    // Africa's own key, a message saying it is Europe's revision 2.
    await fromAfrica(
      await network.sign(
        africa.tenant,
        { ...unsigned, id: `${key.actorId}/reports/forged`, actor: key.actorId, report: revision2 },
        new Date(),
      ),
    );
    // Africa's key and node, a message naming Europe's coordination as its actor.
    await fromAfrica(
      await network.sign(
        africa.tenant,
        { ...unsigned, id: `${key.actorId}/reports/impersonated`, actor: europe.actorUrl, report: revision2 },
        new Date(),
      ),
    );
    // A report message without its report.
    await fromAfrica({
      "@context": original["@context"],
      type: "ReportSubmission",
      id: `${key.actorId}/reports/malformed`,
      actor: key.actorId,
      report: { region: "EU" },
    });
    // Europe's key, then one word changed: the carrying activity is signed, the report is not.
    const honest = await europeNetwork.sign(
      europe.tenant,
      { ...unsigned, id: `${europeNetwork.actorId(europe.tenant)}/reports/altered`, report: revision2 },
      new Date(),
    );
    const altered = JSON.parse(JSON.stringify(honest).replace("Brussels: night outreach.", "Brussels: all is well."));
    const europeHub = (await europeNetwork.peers(europe.database.db, europe.tenant)).find((p) => p.role === "hub");
    if (europeHub === undefined) throw new Error("europe has no hub");
    await europe.database.db.transaction((tx) => europeNetwork.enqueue(tx, europe.tenant, [europeHub], altered, false));
    europeNetwork.wake();

    // Every activity arrives (its HTTP signature is fine) and the reports area refuses what it carries.
    const refusals = await waitFor(
      async () => {
        const list = await refusalsAtHub();
        return list.length >= before.refusals + 4 ? list : undefined;
      },
      { what: "the hub to refuse the four report messages", timeoutMs: 30_000 },
    );
    const seen = refusals
      .filter((r) => r.type?.startsWith("Report"))
      .map((r) => ({ actorId: r.actorId, reason: r.reason, type: r.type }))
      .sort((a, b) => a.reason.localeCompare(b.reason));
    expect(seen).toEqual([
      { actorId: africa.actorUrl, reason: "actor-mismatch", type: "ReportSubmission" },
      { actorId: europe.actorUrl, reason: "bad-proof", type: "ReportSubmission" },
      { actorId: africa.actorUrl, reason: "malformed", type: "ReportSubmission" },
      { actorId: africa.actorUrl, reason: "wrong-region", type: "ReportSubmission" },
    ]);
    // Each names the activity that carried it (the sender's Create) and the message inside.
    const forged = refusals.find((r) => r.reason === "wrong-region");
    expect(forged?.activityId).toMatch(new RegExp(`^${africa.actorUrl}/activities/create/`));
    expect(forged?.detail).toContain(`${key.actorId}/reports/forged`);
    expect(forged?.detail).toContain("report of EU from the peer of AF");
    expect(refusals.find((r) => r.reason === "bad-proof")?.detail).toContain("bad-signature");
    expect(refusals.find((r) => r.reason === "malformed")?.detail).toContain("report.");
    // Shown to the hub's admin with every other refused message.
    const page = await hub.api("GET", "/admin/delivery", undefined, hub.adminEmail, { accept: "text/html" });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const reason of ["actor-mismatch", "bad-proof", "malformed", "wrong-region"]) expect(html).toContain(reason);
    expect(html).toContain(forged?.activityId ?? "(none)");

    // Nothing was applied: the same one submission, the same copy, no receipt, nothing sent.
    const after = await hubState();
    expect(after).toEqual({ ...before, refusals: before.refusals + 4 });
    const list = await submissionsAtHub();
    expect(list.map((s) => [s.region, s.revision, s.signer])).toEqual([["EU", 1, europe.actorUrl]]);
    const copy = await createReportRepo(hub.database.db, hub.tenant.id).find(reportIds.EU ?? "");
    expect(copy?.report.revision).toBe(1);
    expect(copy?.report.sections[0]?.content.texts.situation?.text).toBe("Brussels: night outreach.");
  });

  it("counts Africa, offline at the due date, as late but received", { timeout: 90_000 }, async () => {
    reportIds.AF = await approvedReport(
      africa,
      "coord@africa.test",
      "rep@sn.test",
      "Dakar: outreach in the port.",
      60,
      20,
    );
    await africa.down();
    // Two days pass; the due date goes by while Africa's node is offline.
    for (const node of [hub, europe, africa]) node.advance(2 * DAY);
    await africa.up();
    // The first request may land on a connection the restart closed: wait until the node answers.
    await waitFor(
      async () => ((await fetch(`${africa.origin}/healthz`).catch(() => undefined))?.ok ? true : undefined),
      {
        what: "Africa's node to answer again",
        timeoutMs: 10_000,
      },
    );
    await expectStatus(
      await africa.api("POST", `/api/reports/${reportIds.AF}/submit`, undefined, "coord@africa.test"),
      200,
      "submitReportToHub",
    );
    await waitFor(async () => ((await submissionsAtHub()).length === 2 ? true : undefined), {
      what: "the hub to record Africa's report",
      timeoutMs: 30_000,
    });
    const dashboard = await expectStatus<{
      network: Record<string, number>;
      entries: { region: string; platformId: string | null; status: string }[];
    }>(
      await hub.api("GET", `/api/reporting/${CYCLE}/dashboard`, undefined, "team@hub.test"),
      200,
      "getReportingDashboard",
    );
    expect(dashboard.network).toMatchObject({ expected: 2, received: 2, onTime: 1, late: 1, missing: 0 });
    expect(dashboard.entries.filter((e) => e.platformId === null).map((e) => [e.region, e.status])).toEqual([
      ["AF", "late"],
      ["EU", "on-time"],
    ]);
    expect(dashboard.entries.filter((e) => e.platformId !== null).map((e) => [e.region, e.status])).toEqual([
      ["AF", "on-time"],
      ["EU", "on-time"],
    ]);
  });

  it("aggregates both regions' indicators by each definition's rule", async () => {
    const body = await expectStatus<{
      indicators: {
        key: string;
        network: { total: { value: number; reporting: number } };
        regions: { region: string; total: { value: number } }[];
      }[];
    }>(
      await hub.api("GET", `/api/reporting/${CYCLE}/indicators?kind=status`, undefined, "team@hub.test"),
      200,
      "aggregates",
    );
    const reached = body.indicators.find((i) => i.key === "people-reached");
    expect(reached?.network.total).toMatchObject({ value: 160, reporting: 2 });
    expect(reached?.regions.map((r) => [r.region, r.total.value])).toEqual([
      ["AF", 60],
      ["EU", 100],
    ]);
    expect(body.indicators.find((i) => i.key === "street-workers")?.network.total.value).toBe(15);
  });

  it("sends Europe a signed receipt, and publishes its public edition to Africa", { timeout: 60_000 }, async () => {
    const decide = (body: unknown) => hub.api("POST", `/api/reports/${reportIds.EU}/decision`, body, "team@hub.test");
    await expectStatus(await decide({ decision: "acknowledge" }), 200, "acknowledge");
    await waitFor(
      async () => {
        const response = await europe.api("GET", `/api/reports/${reportIds.EU}`, undefined, "coord@europe.test");
        return ((await response.json()) as { report: { state: string } }).report.state === "acknowledged"
          ? true
          : undefined;
      },
      { what: "Europe to receive the hub's receipt", timeoutMs: 30_000 },
    );
    await expectStatus(await decide({ decision: "review-public-edition" }), 200, "review");
    await expectStatus(
      await hub.api("POST", `/api/reports/${reportIds.EU}/publish`, undefined, "team@hub.test"),
      200,
      "publishReport",
    );
    const page = await waitFor(
      async () => {
        const response = await fetch(`${africa.origin}/published/reports/${reportIds.EU}`, {
          headers: { accept: "text/html" },
        });
        return response.status === 200 ? response.text() : undefined;
      },
      { what: "the published report to reach Africa", timeoutMs: 30_000 },
    );
    expect(page).toContain("Brussels: night outreach.");
    expect(page).toContain("Platform BE");
    expect(page).not.toContain(SENSITIVE);
    const atEurope = await europe.api("GET", `/api/reports/${reportIds.EU}`, undefined, "coord@europe.test");
    await waitFor(
      async () => {
        const response = await europe.api("GET", `/api/reports/${reportIds.EU}`, undefined, "coord@europe.test");
        return ((await response.json()) as { report: { state: string } }).report.state === "published"
          ? true
          : undefined;
      },
      { what: "Europe to see its report published", timeoutMs: 30_000 },
    );
    expect(atEurope.status).toBe(200);
  });
});

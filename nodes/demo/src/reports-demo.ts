import { DEMO_PASSWORD } from "./accounts.ts";
import type { DemoNode } from "./network.ts";

type Api = (method: string, path: string, body?: unknown) => Promise<Response>;

const CYCLE = "2024-2026";
const DAY = 24 * 3600 * 1000;

/** The indicators of the demo cycle: data, as the hub would publish them. */
export const DEMO_INDICATORS = [
  {
    key: "people-reached",
    version: 1,
    cycles: [CYCLE],
    labels: { en: "People reached", fr: "Personnes rejointes", es: "Personas alcanzadas", pt: "Pessoas alcançadas" },
    unit: "people",
    aggregation: "sum",
    breakdown: { kind: "population-group" },
    sensitive: false,
    comparableWith: [],
  },
  {
    key: "street-workers",
    version: 1,
    cycles: [CYCLE],
    labels: {
      en: "Street workers active",
      fr: "Travailleur·euses de rue actif·ves",
      es: "Trabajadores/as de calle activos/as",
      pt: "Trabalhadores/as de rua ativos/as",
    },
    unit: "street-workers",
    aggregation: "sum",
    breakdown: { kind: "none" },
    sensitive: false,
    comparableWith: [],
  },
  {
    key: "partners",
    version: 1,
    cycles: [CYCLE],
    labels: { en: "Partners", fr: "Partenaires", es: "Socios", pt: "Parceiros" },
    unit: "partners",
    aggregation: "average",
    breakdown: { kind: "none" },
    sensitive: false,
    comparableWith: [],
  },
  {
    key: "children-detained",
    version: 1,
    cycles: [CYCLE],
    labels: {
      en: "Children detained in raids",
      fr: "Enfants détenus lors de rafles",
      es: "Niños detenidos en redadas",
      pt: "Crianças detidas em rusgas",
    },
    unit: "people",
    aggregation: "sum",
    breakdown: { kind: "none" },
    sensitive: true,
    comparableWith: [],
  },
] as const;

export async function login(node: DemoNode, email: string): Promise<Api | undefined> {
  const response = await fetch(`${node.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) return undefined;
  const { token } = (await response.json()) as { token: string };
  return (method, path, body) =>
    fetch(`${node.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

export async function must(
  what: string,
  response: Promise<Response>,
  ok: number[] = [200, 201, 204],
): Promise<unknown> {
  const r = await response;
  const text = await r.text();
  if (!ok.includes(r.status)) throw new Error(`${what}: ${r.status} ${text}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Logs in as a platform's representative, inviting them first if they never joined (same accounts as the ballot demo). */
async function representative(region: DemoNode, admin: Api, platform: { id: string; countryCode: string }) {
  const email = `rep-${platform.countryCode.toLowerCase()}@${region.slug}.demo`;
  const known = await login(region, email);
  if (known) return known;
  const { link } = (await must(
    `invite ${email}`,
    admin("POST", "/api/invitations", {
      email,
      displayName: `Representative ${platform.countryCode}`,
      roles: ["platform_representative"],
      platformId: platform.id,
      platformSeat: "representative",
    }),
  )) as { link: { url: string } };
  await must(
    `${email} joins`,
    fetch(`${region.url}/api/invitations/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: new URL(link.url).searchParams.get("token"), password: DEMO_PASSWORD }),
    }),
  );
  const api = await login(region, email);
  if (api === undefined) throw new Error(`${email} cannot log in`);
  return api;
}

const SITUATIONS: Record<string, { locale: string; situation: string; results: string; difficulties: string }> = {
  fr: {
    locale: "fr",
    situation: "Les équipes de rue travaillent de nuit auprès des enfants et des jeunes des gares et des marchés.",
    results: "Deux nouvelles équipes formées ; un accord avec les services sociaux de la capitale.",
    difficulties: "Des rafles de police visent les enfants du marché central ; plusieurs ont été détenus.",
  },
  es: {
    locale: "es",
    situation: "Los equipos de calle acompañan a jóvenes y mujeres migrantes en las terminales de autobuses.",
    results: "Una red de albergues aliados y un módulo de formación sobre reducción de daños.",
    difficulties: "Desalojos violentos en el centro; algunos jóvenes fueron detenidos sin orden judicial.",
  },
  en: {
    locale: "en",
    situation: "Street teams meet children and young people in the stations and the night markets.",
    results: "Three new districts covered; training with the Street Workers Training Institute.",
    difficulties: "Police round-ups before a summit; several named children were held overnight.",
  },
};

/**
 * The reports demo, through the running nodes' API (run it after the network is seeded —
 * regions peered, platforms registered): the hub publishes the cycle's indicators and expects a
 * biennial status report from each region (Asia's due date has already passed, to show a late
 * but received report); in each region every platform's representative writes and submits its
 * section in its language, the coordinator writes a synthesis linked to the sections, approves
 * and signs it to the hub; the hub acknowledges every report and publishes Europe's. Idempotent:
 * a later run finds what is done and goes on from there. Resolves with the pages to look at.
 */
export async function seedDemoReports(nodes: DemoNode[], log: (line: string) => void): Promise<string[]> {
  const hub = nodes.find((n) => n.kind === "hub");
  if (hub === undefined) throw new Error("the demo needs a hub");
  const regions = nodes.filter((n) => n.kind === "region" && n.regionCode !== null);
  const tech = await login(hub, `tech@${hub.slug}.demo`);
  if (tech === undefined) throw new Error("cannot log in as the hub's technical team");
  await must("hub indicators", tech("PUT", "/api/indicator-definitions", { definitions: DEMO_INDICATORS }));
  const now = Date.now();
  for (const region of regions) {
    const due = new Date(region.slug === "asia" ? now - DAY : now + 30 * DAY);
    await must(
      `expect ${region.slug}`,
      tech("PUT", `/api/reporting/${CYCLE}/expectations`, {
        region: region.regionCode,
        kind: "status",
        dueDate: due.toISOString(),
      }),
    );
  }

  for (const region of regions) {
    const coordinator = await login(region, `coordinator@${region.slug}.demo`);
    const admin = await login(region, `admin@${region.slug}.demo`);
    if (coordinator === undefined || admin === undefined) throw new Error(`cannot log in on ${region.slug}`);
    await must(
      `${region.slug} indicators`,
      coordinator("PUT", "/api/indicator-definitions", { definitions: DEMO_INDICATORS }),
    );
    const { reports } = (await must(`${region.slug} reports`, coordinator("GET", "/api/reports"))) as {
      reports: { id: string; kind: string; cycle: string; region: string; state: string }[];
    };
    let report = reports.find((r) => r.kind === "status" && r.cycle === CYCLE && r.region === region.regionCode);
    if (report === undefined) {
      const due = new Date(region.slug === "asia" ? now - DAY : now + 30 * DAY);
      report = (
        (await must(
          `${region.slug} opens its report`,
          coordinator("POST", "/api/reports", { kind: "status", cycle: CYCLE, dueDate: due.toISOString() }),
        )) as { report: typeof report }
      ).report;
    }
    if (report === undefined) throw new Error("no report");
    const { platforms } = (await must(`${region.slug} platforms`, admin("GET", "/api/platforms"))) as {
      platforms: { id: string; countryCode: string; name: string }[];
    };
    const full = (
      (await must("report", coordinator("GET", `/api/reports/${report.id}`))) as {
        report: { state: string; sections: { id: string; platformId: string; status: string }[] };
      }
    ).report;
    const text =
      SITUATIONS[region.slug === "americas" ? "es" : region.slug === "africa" ? "fr" : "en"] ?? SITUATIONS.en;
    if (text === undefined) throw new Error("no demo text");
    for (const [n, section] of full.sections.entries()) {
      if (section.status === "submitted") continue;
      const platform = platforms.find((p) => p.id === section.platformId);
      if (platform === undefined) continue;
      const rep = await representative(region, admin, platform);
      const path = `/api/reports/${report.id}/sections/${section.id}`;
      const reached = 80 + 40 * n + region.slug.length * 7;
      await must(
        `${platform.countryCode} writes`,
        rep("PUT", path, {
          texts: {
            situation: { text: `${platform.name}: ${text.situation}`, sensitive: false },
            results: { text: text.results, sensitive: false },
            difficulties: { text: text.difficulties, sensitive: true },
          },
          indicators: [
            {
              key: "people-reached",
              version: 1,
              total: reached,
              byCategory: {
                children: Math.round(reached * 0.3),
                youth: Math.round(reached * 0.4),
                women: Math.round(reached * 0.2),
              },
            },
            { key: "street-workers", version: 1, total: 6 + n * 3 },
            { key: "partners", version: 1, total: 4 + n },
            { key: "children-detained", version: 1, total: 3 + n },
          ],
          activities: [],
        }),
      );
      await must(`${platform.countryCode} submits`, rep("POST", `${path}/submit`));
    }
    const state = (
      (await must("report", coordinator("GET", `/api/reports/${report.id}`))) as { report: { state: string } }
    ).report.state;
    if (state === "synthesis" || state === "collecting") {
      const ids = full.sections.map((s) => s.id);
      await must(
        `${region.slug} synthesis`,
        coordinator("PUT", `/api/reports/${report.id}/synthesis`, {
          locale: text.locale,
          statements: [
            { text: text.results, sourceSectionIds: ids, sensitive: false },
            { text: text.situation, sourceSectionIds: ids.slice(0, 1), sensitive: false },
            { text: text.difficulties, sourceSectionIds: ids.slice(-1), sensitive: true },
          ],
        }),
      );
      await must(`${region.slug} approves`, coordinator("POST", `/api/reports/${report.id}/approve`));
    }
    if (state !== "submitted" && state !== "acknowledged" && state !== "published") {
      await must(
        `${region.slug} signs and submits`,
        coordinator("POST", `/api/reports/${report.id}/submit`),
        [200, 409],
      );
    }
    log(`demo: ${region.slug} submitted its biennial status report`);
  }

  const dashboard = async () =>
    (await must("dashboard", tech("GET", `/api/reporting/${CYCLE}/dashboard`))) as {
      network: { received: number; expected: number };
    };
  await until("the hub to receive every region's report", 120_000, async () => {
    const { network } = await dashboard();
    return network.received === network.expected && network.expected === regions.length;
  });
  const { reports } = (await must("hub reports", tech("GET", "/api/reports"))) as {
    reports: {
      id: string;
      region: string;
      state: string;
      revision: number;
      publicReview: { revision: number } | null;
    }[];
  };
  for (const report of reports) {
    if (report.state === "submitted")
      await must("acknowledge", tech("POST", `/api/reports/${report.id}/decision`, { decision: "acknowledge" }));
    if (report.region === "EU" && report.state !== "published") {
      if (report.publicReview?.revision !== report.revision)
        await must("review", tech("POST", `/api/reports/${report.id}/decision`, { decision: "review-public-edition" }));
      await must("publish", tech("POST", `/api/reports/${report.id}/publish`));
      log(`demo: the hub published Europe's report: ${hub.url}/published/reports/${report.id}`);
    }
  }
  const pages = [
    `${hub.url}/hub/reporting/${CYCLE}`,
    `${hub.url}/hub/reporting/${CYCLE}/indicators`,
    `${hub.url}/hub/reporting/${CYCLE}/consolidated?edition=internal`,
  ];
  log(`demo: reporting ${CYCLE}: dashboard ${pages[0]}, indicators ${pages[1]}, consolidated report ${pages[2]}`);
  return pages;
}

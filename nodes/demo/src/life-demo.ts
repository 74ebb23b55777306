import type { DemoNode } from "./network.ts";
import { login, must } from "./reports-demo.ts";

/** Each region's venue: its host platform's capital and time zone. */
const VENUES: Record<string, { country: string; city: string; timeZone: string; offset: string; summer: string }> = {
  africa: { country: "SN", city: "Dakar", timeZone: "Africa/Dakar", offset: "+00:00", summer: "+00:00" },
  americas: { country: "CO", city: "Bogotá", timeZone: "America/Bogota", offset: "-05:00", summer: "-05:00" },
  asia: { country: "NP", city: "Kathmandu", timeZone: "Asia/Kathmandu", offset: "+05:45", summer: "+05:45" },
  // Brussels keeps summer time from the end of March to the end of October.
  europe: { country: "BE", city: "Brussels", timeZone: "Europe/Brussels", offset: "+01:00", summer: "+02:00" },
};

const REGIONS = ["AF", "AM", "AS", "EU"] as const;

/**
 * The network's life on the running demo: the 2024 (Africa) and 2026 (Asia) IPG editions with
 * their agenda (the regions' status reports and the demo's ballot), the host proposed for 2028;
 * each region's 2025 pilot group, advocacy action and training, shared as Events; the 2025
 * annual activity report pre-filled from them; the hub's network calendar and its iCal feed.
 * Resuming skips what exists.
 */
export async function runLifeDemo(
  nodes: DemoNode[],
  log: (line: string) => void,
  options: { ballotUrl?: string } = {},
) {
  const hub = nodes.find((n) => n.kind === "hub");
  if (hub === undefined) throw new Error("the network-life demo needs a hub");
  const secretariat = await login(hub, `ipg@${hub.slug}.demo`);
  if (secretariat === undefined) throw new Error("cannot log in as the IPG secretariat");

  const editions = [
    {
      year: 2024,
      continent: "AF",
      country: "SN",
      city: "Dakar",
      timeZone: "Africa/Dakar",
      startsAt: "2024-11-18T09:00:00+00:00",
      endsAt: "2024-11-22T17:00:00+00:00",
    },
    {
      year: 2026,
      continent: "AS",
      country: "NP",
      city: "Kathmandu",
      timeZone: "Asia/Kathmandu",
      startsAt: "2026-11-16T09:00:00+05:45",
      endsAt: "2026-11-20T17:00:00+05:45",
    },
  ];
  const ballotId = options.ballotUrl?.split("/").at(-1) ?? null;
  for (const edition of editions) {
    const created = (await must(
      `IPG ${edition.year}`,
      secretariat("POST", "/api/ipg/editions", { ...edition, capacity: 60 }),
      [201, 409],
    )) as { edition?: { id: string } } | undefined;
    const { editions: kept } = (await must("listIpgEditions", secretariat("GET", "/api/ipg/editions"))) as {
      editions: { id: string; year: number }[];
    };
    const id = created?.edition?.id ?? kept.find((e) => e.year === edition.year)?.id;
    if (id === undefined) continue;
    const agenda = [
      { title: "Opening and the network's strategy", minutes: 90, link: null, items: [] },
      ...REGIONS.map((region) => ({
        title: `Status report of the ${region} coordination`,
        minutes: 60,
        link: { kind: "status-report", region, reportId: null },
        items: [{ title: "Questions from the platforms", minutes: 20 }],
      })),
      ...(edition.year === 2026 && ballotId !== null
        ? [{ title: "Vote of the IPG", minutes: 45, link: { kind: "ballot", id: ballotId }, items: [] }]
        : []),
    ];
    await must(`agenda of IPG ${edition.year}`, secretariat("PUT", `/api/ipg/editions/${id}/agenda`, { agenda }));
  }
  const next = (await must("proposeNextIpgHost", secretariat("GET", "/api/ipg/next-host"))) as {
    year: number;
    continent: string;
  };
  log(
    `demo: IPG 2024 (Africa) and 2026 (Asia) kept with their agenda; the rotation proposes ${next.continent} for ${next.year}`,
  );

  for (const region of nodes.filter((n) => n.kind === "region")) {
    const venue = VENUES[region.slug];
    const coordinator = await login(region, `coordinator@${region.slug}.demo`);
    if (venue === undefined || coordinator === undefined) continue;
    const { events } = (await must("listNetworkEvents", coordinator("GET", "/api/events"))) as {
      events: { name: string; own: boolean }[];
    };
    const place = { country: venue.country, city: venue.city };
    const activities = [
      {
        kind: "pilot-group",
        name: `Regional pilot group ${region.slug} 2025`,
        description:
          "Five days of exchange and coordination, field visits, advocacy and training with the national platforms.",
        startsAt: `2025-03-10T09:00:00${venue.offset}`,
        endsAt: `2025-03-15T09:00:00${venue.offset}`,
        sessions: [
          { day: 1, type: "exchange", title: "How the region works", objective: "Reflect on how the region works" },
          { day: 2, type: "field-visit", title: "Night outreach with a street team", objective: null },
          {
            day: 3,
            type: "advocacy",
            title: "Advocacy strategy and meeting calendar",
            objective: "Identify advocacy strategies",
          },
          { day: 4, type: "training", title: "Fundraising for joint projects", objective: "Funding opportunities" },
          { day: 5, type: "exchange", title: "Communication methods", objective: "Define communication methods" },
        ],
        objectives: ["Reflect on how the region works", "Identify advocacy strategies", "Funding opportunities"],
        participants: 24,
      },
      {
        kind: "advocacy",
        name: `Street children's rights hearing (${region.slug})`,
        startsAt: `2025-06-16T10:00:00${venue.summer}`,
        endsAt: `2025-06-16T16:00:00${venue.summer}`,
        theme: "Police violence against children in street situations",
        participants: 40,
      },
      {
        kind: "training",
        name: `Training module: collective intelligence (${region.slug})`,
        startsAt: `2025-09-22T09:00:00${venue.summer}`,
        endsAt: `2025-09-23T17:00:00${venue.summer}`,
        provider: "swti",
        theme: "Network facilitation",
        participants: 18,
      },
    ];
    for (const activity of activities) {
      if (events.some((e) => e.own && e.name === activity.name)) continue;
      await must(
        activity.name,
        coordinator("POST", "/api/events", { ...activity, timeZone: venue.timeZone, place }),
        [201],
      );
    }
    await must(
      `annual activity report 2025 of ${region.slug}`,
      coordinator("POST", "/api/reports", { kind: "activity", cycle: "2025", dueDate: "2026-01-31T00:00:00Z" }),
      [201, 409],
    );
  }
  log(
    "demo: each region's 2025 pilot group, advocacy action and training shared as Events; its 2025 activity report pre-filled from them",
  );
  log(`demo: the hub's network calendar: ${hub.url}/life — iCal ${hub.url}/api/calendar/network.ics`);
}

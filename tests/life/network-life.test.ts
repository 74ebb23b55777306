import { waitFor } from "@dynamo/testing";
import { sql } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addPlatform,
  type BallotNode,
  peerWithHub,
  startBallotNode,
  waitForRoster,
} from "../ballots/harness.ts";

/**
 * The network's life across four nodes over real HTTP, with real HTTP Signatures and Ed25519
 * proofs: Asia's pilot group reaches Europe's and the hub's network calendar; Americas' platform
 * registers its delegation for the IPG and the hub accepts it; a second delegation is waitlisted
 * when the edition is full; members of the Americas register for Asia's training (a signed Join,
 * answered Accept, then Reject when full) and for the hub's IPG, and see it on the event's page;
 * forged Joins are refused and recorded; the hub's iCal feed parses back with the right instants; a forged
 * Event is refused and recorded, and nothing is kept.
 */
let hub: BallotNode;
let asia: BallotNode;
let europe: BallotNode;
let americas: BallotNode;

interface EventJson {
  id: string;
  uri: string;
  kind: string;
  name: string;
  regionCode: string | null;
  startsAt: string;
  timeZone: string;
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

const eventsOf = async (node: BallotNode) =>
  (await json<{ events: EventJson[] }>(await node.api("GET", "/api/events"), 200)).events;

beforeAll(async () => {
  hub = await startBallotNode({ kind: "hub", slug: "hub", address: "127.0.0.70" });
  asia = await startBallotNode({ kind: "region", slug: "asia", address: "127.0.0.71", regionCode: "AS" });
  europe = await startBallotNode({ kind: "region", slug: "europe", address: "127.0.0.72", regionCode: "EU" });
  americas = await startBallotNode({ kind: "region", slug: "americas", address: "127.0.0.73", regionCode: "AM" });
  const np = await addPlatform(asia, "NP");
  await addPlatform(asia, "IN");
  const co = await addPlatform(americas, "CO");
  await addPerson(asia, { email: "coord@asia.test", roles: ["regional_coordinator"] });
  await addPerson(asia, { email: "rep@np.test", roles: ["platform_representative"], platformId: np.id });
  await addPerson(americas, { email: "rep@co.test", roles: ["platform_representative"], platformId: co.id });
  await addPerson(americas, { email: "member@americas.test", roles: ["member"], name: "Camila Rojas" });
  await addPerson(americas, { email: "second@americas.test", roles: ["member"], name: "Diego Paz" });
  await addPerson(hub, { email: "secretariat@hub.test", roles: ["ipg_secretariat"] });
  for (const region of [asia, europe, americas]) await peerWithHub(region, hub);
  await waitForRoster(hub, ["NP", "IN", "CO"]);
  // The regions peer with each other through the hub's roster: an Event goes to the peers a
  // region has when it is recorded (a region peered later catches up from the outbox).
  const regions = [asia, europe, americas];
  for (const node of regions) {
    await waitFor(
      async () => {
        const peers = await node.kernel().exchange.peers(node.database.db, node.tenant);
        return regions.filter((r) => r !== node).every((r) => peers.some((p) => p.actorId === r.actorUrl));
      },
      { what: `${node.spec.slug} to peer with the other regions`, timeoutMs: 120_000 },
    );
  }
}, 420_000);

afterAll(async () => {
  await Promise.all([asia?.close(), europe?.close(), americas?.close()]);
  await hub?.close();
});

describe("the network's life across nodes", () => {
  let pilotGroup: EventJson;

  it("Asia records its pilot group; Europe and the hub see it in the network calendar", {
    timeout: 60_000,
  }, async () => {
    const created = await json<{ event: EventJson & { hostCountry: string } }>(
      await asia.api(
        "POST",
        "/api/events",
        {
          kind: "pilot-group",
          name: "Regional pilot group Asia 2027",
          startsAt: "2027-03-01T03:15:00Z",
          endsAt: "2027-03-06T03:15:00Z",
          timeZone: "Asia/Kathmandu",
          place: { country: "NP", city: "Kathmandu" },
          sessions: [{ day: 1, type: "exchange", title: "How the region works", objective: "reflect on how we work" }],
          objectives: ["advocacy calendar"],
        },
        "coord@asia.test",
      ),
      201,
    );
    pilotGroup = created.event;
    // The host platform by rotation: the first that never hosted, in country order.
    expect(created.event.hostCountry).toBe("IN");
    for (const node of [hub, europe]) {
      const seen = await waitFor(async () => (await eventsOf(node)).find((e) => e.uri === pilotGroup.uri), {
        what: `${node.spec.slug} to see Asia's pilot group`,
        timeoutMs: 60_000,
      });
      expect(seen).toMatchObject({
        kind: "pilot-group",
        regionCode: "AS",
        timeZone: "Asia/Kathmandu",
        startsAt: "2027-03-01T03:15:00.000Z",
      });
    }
    // The hub's programme view: Asia's pilot group counts for 2027, its minimum not yet held.
    const programme = await json<{
      programmes: { regionCode: string; minimum: { pilotGroup: string; holds: boolean } }[];
    }>(await hub.api("GET", "/api/programme/2027"), 200);
    expect(programme.programmes.find((p) => p.regionCode === "AS")?.minimum).toMatchObject({
      pilotGroup: "held",
      holds: false,
    });
    expect(programme.programmes.find((p) => p.regionCode === "EU")?.minimum.pilotGroup).toBe("missing");
  });

  it("pre-fills Asia's new annual activity report with the year's recorded activities", {
    timeout: 30_000,
  }, async () => {
    const created = await json<{
      report: {
        sections: {
          platformId: string | null;
          content: { activities: { kind: string; title: string; startedOn: string }[] };
        }[];
      };
    }>(
      await asia.api(
        "POST",
        "/api/reports",
        { kind: "activity", cycle: "2027", dueDate: "2028-01-31T00:00:00Z" },
        "coord@asia.test",
      ),
      201,
    );
    const coordination = created.report.sections.find((s) => s.platformId === null);
    expect(coordination?.content.activities).toEqual([
      expect.objectContaining({
        kind: "pilot-group",
        title: "Regional pilot group Asia 2027",
        startedOn: "2027-03-01",
      }),
    ]);
  });

  it("lists the biennial period's activities in Asia's new status report", { timeout: 30_000 }, async () => {
    const created = await json<{
      report: { sections: { platformId: string | null; content: { activities: { title: string }[] } }[] };
    }>(
      await asia.api(
        "POST",
        "/api/reports",
        { kind: "status", cycle: "2026-2028", dueDate: "2028-03-31T00:00:00Z" },
        "coord@asia.test",
      ),
      201,
    );
    // The coordination's section with the period's (2026 and 2027) activities, beside the platforms'.
    expect(created.report.sections.filter((s) => s.platformId !== null)).toHaveLength(2);
    expect(created.report.sections.find((s) => s.platformId === null)?.content.activities).toEqual([
      expect.objectContaining({ title: "Regional pilot group Asia 2027" }),
    ]);
    // A period without activities (2024-2026): the platforms' sections only.
    const earlier = await json<{ report: { sections: { platformId: string | null }[] } }>(
      await asia.api(
        "POST",
        "/api/reports",
        { kind: "status", cycle: "2024-2026", dueDate: "2026-03-31T00:00:00Z" },
        "coord@asia.test",
      ),
      201,
    );
    expect(earlier.report.sections.every((s) => s.platformId !== null)).toBe(true);
  });

  /** The event's page at a member's node, in the member's language, as the member sees it. */
  const eventPage = async (node: BallotNode, id: string, email: string, lang: string) => {
    const response = await fetch(`${node.origin}/life/events/${id}`, {
      headers: { authorization: `Bearer ${await node.token(email)}`, "accept-language": lang },
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const registrationState = (html: string) => /data-registration="([a-z]+)"/.exec(html)?.[1];

  let training: EventJson;

  it("members of the Americas register for Asia's training: a signed Join, Accept, then Reject when full, shown in Spanish", {
    timeout: 90_000,
  }, async () => {
    training = (
      await json<{ event: EventJson }>(
        await asia.api(
          "POST",
          "/api/events",
          {
            kind: "training",
            name: "Fundraising training",
            startsAt: "2027-04-10T03:15:00Z",
            endsAt: "2027-04-10T09:15:00Z",
            timeZone: "Asia/Kathmandu",
            provider: "swti",
            capacity: 1,
          },
          "coord@asia.test",
        ),
        201,
      )
    ).event;
    const copy = await waitFor(async () => (await eventsOf(americas)).find((e) => e.uri === training.uri), {
      what: "the Americas to see Asia's training",
      timeoutMs: 60_000,
    });
    const asked = await americas.api("POST", `/api/events/${copy.id}/registrations`, undefined, "member@americas.test");
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({ status: "pending", reason: null });
    const accepted = await waitFor(
      async () => {
        const html = await eventPage(americas, copy.id, "member@americas.test", "es");
        return registrationState(html) === "accepted" ? html : undefined;
      },
      { what: "the member to see the organizer's Accept", timeoutMs: 60_000 },
    );
    expect(accepted).toContain("Inscripción aceptada.");
    // The organizer keeps the participant; its one place is taken, so the next Join is rejected.
    const second = await americas.api(
      "POST",
      `/api/events/${copy.id}/registrations`,
      undefined,
      "second@americas.test",
    );
    expect(second.status).toBe(202);
    const rejected = await waitFor(
      async () => {
        const html = await eventPage(americas, copy.id, "second@americas.test", "es");
        return registrationState(html) === "rejected" ? html : undefined;
      },
      { what: "the second member to see the organizer's Reject", timeoutMs: 60_000 },
    );
    expect(rejected).toContain("Inscripción rechazada por el organizador");
    expect(rejected).toContain("no quedan plazas.");
    // Asking again answers where it stands, and sends nothing new.
    const again = await americas.api("POST", `/api/events/${copy.id}/registrations`, undefined, "member@americas.test");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "accepted", reason: null });
    // At Asia, the place is taken: a local registration is waitlisted.
    await addPerson(asia, { email: "member@asia.test", roles: ["member"] });
    const local = await asia.api("POST", `/api/events/${training.id}/registrations`, undefined, "member@asia.test");
    expect(await json(local, 200)).toEqual({ status: "waitlisted", reason: null });
    // An unknown event is a 404 problem, and nothing is sent.
    const unknown = await americas.api(
      "POST",
      `/api/events/${crypto.randomUUID()}/registrations`,
      undefined,
      "member@americas.test",
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses a Join signed by a platform's actor and a tampered Join, records why, answers neither", {
    timeout: 60_000,
  }, async () => {
    const exchange = americas.kernel().exchange;
    const asiaPeer = (await exchange.peers(americas.database.db, americas.tenant)).find(
      (p) => p.actorId === asia.actorUrl,
    );
    if (asiaPeer === undefined) throw new Error("the Americas do not peer with Asia");
    const join = (actor: string) => ({
      "@context": "https://dynamo.network/ns/life/v1",
      type: "EventJoin",
      id: `${actor}/life/joins/${crypto.randomUUID()}`,
      actor,
      event: training.uri,
      registration: { id: crypto.randomUUID(), participant: "Mallory", requestedAt: new Date().toISOString() },
    });
    const platform = { platform: "CO" } as const;
    const byPlatform = await (await exchange.signer(americas.tenant, platform))(
      join(exchange.actorUri(americas.tenant, platform)),
      new Date(),
    );
    const signed = await (await exchange.signer(americas.tenant, "tenant"))(
      join(exchange.actorUri(americas.tenant)),
      new Date(),
    );
    const tampered = { ...signed, registration: { ...signed.registration, participant: "Someone else" } };
    const activities: string[] = [];
    for (const [from, document] of [
      [platform, byPlatform],
      ["tenant", tampered],
    ] as const) {
      const actor = exchange.actorUri(americas.tenant, from);
      const activityId = `${actor}/activities/life/${crypto.randomUUID()}`;
      activities.push(activityId);
      await americas.database.db.transaction((tx) =>
        exchange.send(tx, americas.tenant, {
          mediaType: "application/vnd.dynamo.life+json",
          document,
          activityId,
          objectId: document.id,
          verb: "create",
          published: new Date(),
          display: { as: "note", name: "Join", about: training.uri },
          from,
          to: [asiaPeer],
          listed: false,
        }),
      );
    }
    exchange.wake();
    const refusals = await waitFor(
      async () => {
        const { refusals } = await json<{
          refusals: { activityId: string | null; type: string | null; reason: string }[];
        }>(await asia.api("GET", "/api/delivery-status"), 200);
        const ours = refusals.filter((r) => r.activityId !== null && activities.includes(r.activityId));
        return ours.length >= 2 ? ours : undefined;
      },
      { what: "Asia to refuse both forged Joins", timeoutMs: 60_000 },
    );
    expect(refusals.map((r) => [r.type, r.reason]).sort()).toEqual([
      ["EventJoin", "bad-proof"],
      ["EventJoin", "not-the-node"],
    ]);
    // Nothing kept: the training's only remote participants are the two members who asked.
    // (PGlite's driver answers a raw query with { rows }, PostgreSQL's with the rows themselves.)
    const kept = (await asia.database.db.execute(
      sql`select participant, status, reason from life_remote_registrations order by created_at`,
    )) as unknown as unknown[] | { rows: unknown[] };
    expect(Array.isArray(kept) ? [...kept] : kept.rows).toEqual([
      { participant: "Camila Rojas", status: "accepted", reason: null },
      { participant: "Diego Paz", status: "rejected", reason: "full" },
    ]);
  });

  let editionId: string;

  it("the hub proposes the Americas for 2028, opens the edition, and every region gets its Event", {
    timeout: 60_000,
  }, async () => {
    const proposal = await json<{ year: number; continent: string }>(await hub.api("GET", "/api/ipg/next-host"), 200);
    expect(proposal).toMatchObject({ year: 2028, continent: "AM" });
    const repeat = await hub.api(
      "POST",
      "/api/ipg/editions",
      {
        year: 2028,
        continent: "AS",
        country: "NP",
        city: "Kathmandu",
        timeZone: "Asia/Kathmandu",
        startsAt: "2028-05-01T03:15:00Z",
        endsAt: "2028-05-05T12:00:00Z",
        capacity: 4,
      },
      "secretariat@hub.test",
    );
    // No IPG kept yet: the programme's history says 2026 was Asia, so Asia again needs a reason.
    expect(repeat.status).toBe(409);
    expect(((await repeat.json()) as { reason: string }).reason).toBe("repeat-without-reason");
    const opened = await json<{ edition: { id: string; continent: string } }>(
      await hub.api(
        "POST",
        "/api/ipg/editions",
        {
          year: 2028,
          continent: "AM",
          country: "CO",
          city: "Bogotá",
          timeZone: "America/Bogota",
          startsAt: "2028-05-01T13:00:00Z",
          endsAt: "2028-05-05T22:00:00Z",
          capacity: 4,
        },
        "secretariat@hub.test",
      ),
      201,
    );
    editionId = opened.edition.id;
    const agenda = await hub.api(
      "PUT",
      `/api/ipg/editions/${editionId}/agenda`,
      {
        agenda: [
          {
            title: "Status reports of the regions",
            minutes: 120,
            link: { kind: "status-report", region: "AS", reportId: null },
            items: [{ title: "Asia", minutes: 30 }],
          },
        ],
      },
      "secretariat@hub.test",
    );
    expect(agenda.status).toBe(200);
    // Only the secretariat: a region's coordinator may not open an edition.
    expect((await asia.api("POST", "/api/ipg/editions", {}, "coord@asia.test")).status).toBe(403);
    await waitFor(
      async () => {
        const { editions } = await json<{ editions: { id: string }[] }>(
          await americas.api("GET", "/api/ipg/editions", undefined, "rep@co.test"),
          200,
        );
        return editions.some((e) => e.id === editionId);
      },
      { what: "the Americas to see the 2028 IPG", timeoutMs: 60_000 },
    );
  });

  const delegationOf = async (node: BallotNode, email: string, country: string) => {
    const { editions } = await json<{
      editions: { id: string; delegations: { countryCode: string; status: string; id: string }[] }[];
    }>(await node.api("GET", "/api/ipg/editions", undefined, email), 200);
    return editions.find((e) => e.id === editionId)?.delegations.find((d) => d.countryCode === country);
  };

  it("Americas' platform registers its delegation; the hub accepts; the representative sees it", {
    timeout: 60_000,
  }, async () => {
    // A member is not the platform's representative.
    expect(
      (
        await americas.api(
          "POST",
          `/api/ipg/editions/${editionId}/delegations`,
          { representative: "X" },
          "member@americas.test",
        )
      ).status,
    ).toBe(403);
    const bad = await americas.api(
      "POST",
      `/api/ipg/editions/${editionId}/delegations`,
      { representative: "" },
      "rep@co.test",
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const sent = await json<{ delegation: { id: string; status: string } }>(
      await americas.api(
        "POST",
        `/api/ipg/editions/${editionId}/delegations`,
        {
          representative: "Ana Gómez",
          substitute: "Luis Pérez",
          observers: ["Marta Ríos"],
          interpretation: ["en", "fr"],
        },
        "rep@co.test",
      ),
      202,
    );
    expect(sent.delegation.status).toBe("pending");
    // The hub always answers: pending (room left), then the secretariat accepts.
    const atHub = await waitFor(async () => delegationOf(hub, "secretariat@hub.test", "CO"), {
      what: "the hub to get the delegation",
      timeoutMs: 60_000,
    });
    expect(atHub.status).toBe("pending");
    const decided = await hub.api(
      "POST",
      `/api/ipg/editions/${editionId}/delegations/${atHub.id}/decision`,
      { decision: "accepted" },
      "secretariat@hub.test",
    );
    expect(decided.status).toBe(200);
    const seen = await waitFor(
      async () => {
        const d = await delegationOf(americas, "rep@co.test", "CO");
        return d?.status === "accepted" ? d : undefined;
      },
      { what: "the representative to see the acceptance", timeoutMs: 60_000 },
    );
    expect(seen.id).toBe(sent.delegation.id);
  });

  it("waitlists a delegation when the edition is full, and says so to its region", { timeout: 180_000 }, async () => {
    // Capacity 4, three seats accepted: Nepal's delegation of two does not fit.
    await json(
      await asia.api(
        "POST",
        `/api/ipg/editions/${editionId}/delegations`,
        { representative: "Sita", substitute: "Ram" },
        "rep@np.test",
      ),
      202,
    );
    const answered = await waitFor(
      async () => {
        const d = await delegationOf(asia, "rep@np.test", "NP");
        return d?.status === "waitlisted" ? d : undefined;
      },
      { what: "Asia to be told its delegation is waitlisted", timeoutMs: 60_000 },
    );
    expect(answered.status).toBe("waitlisted");
    const atHub = await delegationOf(hub, "secretariat@hub.test", "NP");
    expect(atHub?.status).toBe("waitlisted");
    // Accepting it now would exceed the capacity: refused with a problem, nothing changed.
    const over = await hub.api(
      "POST",
      `/api/ipg/editions/${editionId}/delegations/${atHub?.id}/decision`,
      { decision: "accepted" },
      "secretariat@hub.test",
    );
    expect(over.status).toBe(409);
    expect(((await over.json()) as { reason: string }).reason).toBe("over-capacity");
    expect((await delegationOf(hub, "secretariat@hub.test", "NP"))?.status).toBe("waitlisted");
  });

  it("a member of the Americas registers for the hub's IPG: the hub answers Accept", { timeout: 60_000 }, async () => {
    const ipg = (await eventsOf(americas)).find((e) => e.kind === "ipg" && e.name.startsWith("IPG 2028"));
    if (ipg === undefined) throw new Error("the Americas have no IPG 2028 event");
    const asked = await americas.api("POST", `/api/events/${ipg.id}/registrations`, undefined, "member@americas.test");
    expect(asked.status).toBe(202);
    const html = await waitFor(
      async () => {
        const page = await eventPage(americas, ipg.id, "member@americas.test", "pt");
        return registrationState(page) === "accepted" ? page : undefined;
      },
      { what: "the member to see the hub's Accept", timeoutMs: 60_000 },
    );
    expect(html).toContain("Inscrição aceite.");
  });

  it("serves the hub's network calendar as iCal, parsed back with the right instants and a TZID on every event", async () => {
    const response = await fetch(`${hub.origin}/api/calendar/network.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const text = await response.text();
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).filter((c): c is VEvent => c?.type === "VEVENT");
    const pilot = events.find((e) => e.uid === pilotGroup.uri);
    expect(pilot?.start.toISOString()).toBe("2027-03-01T03:15:00.000Z");
    expect(pilot?.start.tz).toBe("Asia/Kathmandu");
    const ipg = events.find((e) => String(e.summary).startsWith("IPG 2028"));
    expect(ipg?.start.toISOString()).toBe("2028-05-01T13:00:00.000Z");
    expect(ipg?.start.tz).toBe("America/Bogota");
    expect(text).toContain("DTSTART;TZID=Asia/Kathmandu:20270301T090000");
    expect(text).toContain("DTSTART;TZID=America/Bogota:20280501T080000");
    const vevents = text.split("BEGIN:VEVENT").length - 1;
    expect(text.split("DTSTART;TZID=").length - 1).toBe(vevents);
    const one = await fetch(`${hub.origin}/api/calendar/ipg-2028.ics`);
    expect(one.status).toBe(200);
    expect((await fetch(`${hub.origin}/api/calendar/ipg-2031.ics`)).status).toBe(404);
    expect((await fetch(`${hub.origin}/api/calendar/other.ics`)).status).toBe(400);
  });

  it("refuses an Event Europe sends for Asia and one naming Asia's event, records why, keeps nothing", {
    timeout: 60_000,
  }, async () => {
    const exchange = europe.kernel().exchange;
    const hubPeer = await exchange.hub(europe.database.db, europe.tenant);
    if (hubPeer === undefined) throw new Error("europe has no hub");
    const actor = exchange.actorUri(europe.tenant);
    const base = {
      "@context": "https://dynamo.network/ns/life/v1",
      type: "LifeEvent",
      actor,
      event: {
        kind: "advocacy",
        regionCode: "AS",
        name: "Forged",
        description: "",
        startsAt: "2027-06-01T00:00:00.000Z",
        endsAt: "2027-06-02T00:00:00.000Z",
        timeZone: "Asia/Manila",
        place: { country: null, city: null, address: null, url: null },
        status: "planned",
        theme: null,
        indicatorKey: null,
        provider: null,
        platforms: [],
        participants: null,
        outcome: null,
        evidence: [],
        sessions: [],
        objectives: [],
        capacity: null,
        editionId: null,
        hostCountry: null,
        updatedAt: new Date().toISOString(),
      },
    };
    const forged = [
      { ...base, id: `${europe.origin}/life/events/00000000-0000-4000-8000-000000000001` },
      { ...base, id: pilotGroup.uri, event: { ...base.event, regionCode: "EU" } },
    ];
    const before = (await eventsOf(hub)).length;
    const sign = await exchange.signer(europe.tenant, "tenant");
    const activities: string[] = [];
    for (const doc of forged) {
      const activityId = `${actor}/activities/life/${crypto.randomUUID()}`;
      activities.push(activityId);
      const signed = await sign(doc as never, new Date());
      await europe.database.db.transaction((tx) =>
        exchange.send(tx, europe.tenant, {
          mediaType: "application/vnd.dynamo.life+json",
          document: signed,
          activityId,
          objectId: doc.id,
          verb: "create",
          published: new Date(),
          display: { as: "document", name: "forged" },
          from: "tenant",
          to: [hubPeer],
          listed: false,
        }),
      );
    }
    exchange.wake();
    const refusals = await waitFor(
      async () => {
        const { refusals } = await json<{
          refusals: { activityId: string | null; type: string | null; reason: string; actorId: string | null }[];
        }>(await hub.api("GET", "/api/delivery-status"), 200);
        const ours = refusals.filter((r) => r.activityId !== null && activities.includes(r.activityId));
        return ours.length >= 2 ? ours : undefined;
      },
      { what: "the hub to refuse both forged Events", timeoutMs: 60_000 },
    );
    // One speaks for another region (the area refuses it); one names an event on Asia's node
    // (federation's guard refuses it before any area reads it).
    expect(refusals.map((r) => [r.type, r.reason]).sort()).toEqual([
      ["Create", "object-origin-mismatch"],
      ["LifeEvent", "wrong-region"],
    ]);
    expect(refusals.every((r) => r.actorId === europe.actorUrl)).toBe(true);
    const after = await eventsOf(hub);
    expect(after.length).toBe(before);
    expect(after.find((e) => e.uri === pilotGroup.uri)?.regionCode).toBe("AS");
  });
});

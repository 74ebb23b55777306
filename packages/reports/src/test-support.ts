import { randomUUID } from "node:crypto";
import type { PersonId, PlatformId, Tenant } from "@dynamo/core";
import type { Database } from "@dynamo/db";
import {
  checkDocument,
  createInboxTable,
  type Exchange,
  type PeerAddress,
  signJson,
  verifyJson,
} from "@dynamo/federation";
import { createPeopleRepo, createPlatformRepo } from "@dynamo/identity";
import { addPerson, createTestApp } from "@dynamo/identity/testing";
import { Multikey } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { createReportsArea } from "./area.ts";
import type { ReportsDeps } from "./deps.ts";
import type { IndicatorDefinition } from "./domain/indicator.ts";
import { reportRoutes } from "./inbox.ts";
import { reportsNetwork } from "./network.ts";
import { REPORT_MEDIA_TYPE, ReportDocuments } from "./wire/messages.ts";

/**
 * Test support for the reports area in one process: a small real implementation of the
 * federation port (real Ed25519 keys and proofs, checked with federation's own checks; a list of
 * peers; an outbox the test delivers by hand), so the region → hub → region loop runs through the
 * real use-cases and message routes. Cross-node tests over HTTP live in tests/reports.
 */
export interface Loopback {
  exchange: Exchange;
  /** Messages queued and not yet delivered, with their sender and recipients. */
  outbox: { from: Tenant; to: "peers" | string[]; message: Record<string, unknown> }[];
  /** Delivers every queued message to the tenants it names: the outcome of each ("recorded" or why it was refused). */
  deliver(database: Database, tenants: readonly Tenant[], clock: () => Date): Promise<string[]>;
  actorOf(tenant: Tenant): string;
}

export function createLoopback(tenants: Tenant[], hub: Tenant): Loopback {
  const keys = new Map<string, Promise<CryptoKeyPair>>();
  const keyOf = (tenant: Tenant) => {
    let pair = keys.get(tenant.id);
    if (pair === undefined) {
      pair = crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
      keys.set(tenant.id, pair);
    }
    return pair;
  };
  const actorOf = (tenant: Tenant) => `https://${tenant.hosts[0]}/ap/actors/${tenant.slug}`;
  const keyIdOf = (tenant: Tenant) => `${actorOf(tenant)}#multikey-2`;
  const all = [...tenants, hub];
  const outbox: Loopback["outbox"] = [];
  const refuse = async (url: string): Promise<never> => {
    throw new Error(`nothing is fetched in the loopback (${url})`);
  };
  // Each tenant's published key, as a peer would find it in its actor document.
  const loaders = {
    documentLoader: refuse,
    contextLoader: refuse,
    keyCache: {
      async get(keyId: URL) {
        const owner = all.find((t) => keyIdOf(t) === keyId.href);
        return (
          owner &&
          new Multikey({ id: keyId, controller: new URL(actorOf(owner)), publicKey: (await keyOf(owner)).publicKey })
        );
      },
      set: async () => {},
    },
  };
  const peersOf = (tenant: Tenant): PeerAddress[] =>
    tenant.kind === "region"
      ? [{ actorId: actorOf(hub), inbox: "", regionCode: null, role: "hub" }]
      : tenants.map((t) => ({ actorId: actorOf(t), inbox: "", regionCode: t.regionCode, role: "region" }));
  const exchange: Exchange = {
    actorUri: (tenant) => actorOf(tenant),
    platformOfActor: () => undefined,
    sign: async (tenant, _from, document, at) =>
      signJson(document, { keyId: keyIdOf(tenant), privateKey: (await keyOf(tenant)).privateKey }, at),
    async signer(tenant) {
      const key = { keyId: keyIdOf(tenant), privateKey: (await keyOf(tenant)).privateKey };
      return (document, at) => signJson(document, key, at);
    },
    verify: (_tenant, signed) => verifyJson(signed, loaders),
    async send(_tx, from, message) {
      outbox.push({
        from,
        to: message.to === "peers" ? "peers" : message.to.map((r) => r.actorId),
        message: message.document,
      });
    },
    wake() {},
    peers: async (_db, tenant) => peersOf(tenant),
    hub: async (_db, tenant) => peersOf(tenant).find((p) => p.role === "hub"),
    roster: async () => [],
  };
  const table = createInboxTable([ReportDocuments], reportRoutes);
  return {
    exchange,
    outbox,
    actorOf,
    async deliver(database, receivers, clock) {
      const outcomes: string[] = [];
      while (outbox.length > 0) {
        const next = outbox.shift();
        if (next === undefined) break;
        const sender = actorOf(next.from);
        const targets = receivers.filter((tenant) =>
          next.to === "peers"
            ? tenant.id !== next.from.id &&
              (next.from.kind === "hub" ? tenant.kind === "region" : tenant.kind === "hub")
            : next.to.includes(actorOf(tenant)),
        );
        for (const tenant of targets) {
          const document = JSON.parse(JSON.stringify(next.message)) as Record<string, unknown>;
          const found = {
            mediaType: REPORT_MEDIA_TYPE,
            document,
            envelope: {
              activityId: `${sender}/activities/create/${randomUUID()}`,
              actorId: sender,
              objectId: typeof document.id === "string" ? document.id : null,
              about: null,
              name: typeof document.type === "string" ? document.type : null,
              verb: "create" as const,
              published: null,
            },
          };
          const checked = await checkDocument(table, found, tenant, loaders);
          if (!checked.ok) {
            outcomes.push(checked.ignored ? "ignored" : checked.reason);
            continue;
          }
          const peer = peersOf(tenant).find((p) => p.actorId === sender);
          if (peer === undefined) {
            outcomes.push("not-a-peer");
            continue;
          }
          const outcome = await database.db.transaction((tx) =>
            checked.route.handle(
              {
                db: tx,
                tenant,
                peer,
                exchange,
                clock,
                newId: randomUUID,
                logger: getLogger(["dynamo", "reports", "test"]),
              },
              { ...checked.message, via: "inbox", receivedAt: clock() },
            ),
          );
          outcomes.push(outcome === undefined ? "recorded" : outcome.refused);
        }
      }
      return outcomes;
    },
  };
}

/** A node's app with the reports area speaking through the loopback. */
export function reportsTestApp(database: Database, kind: "region" | "hub", loopback: Loopback, clock: () => Date) {
  return createTestApp(database, { kind, clock, areas: [createReportsArea({ exchange: loopback.exchange })] });
}

/** A platform of the tenant and its representative, who can log in. */
export async function addPlatformWithRepresentative(
  database: Database,
  tenant: Tenant,
  countryCode: string,
  email: string,
  clock: () => Date,
): Promise<{ platformId: PlatformId; personId: PersonId }> {
  const platformId = randomUUID() as PlatformId;
  await createPlatformRepo(database.db, tenant.id).create(
    {
      id: platformId,
      countryCode,
      names: { en: `Platform ${countryCode}`, fr: `Plateforme ${countryCode}` },
      status: "active",
      joinedOn: "2018-01-01",
      contact: { email: null, phone: null, address: null, website: null },
    },
    { id: randomUUID(), reason: "test", changedBy: null },
    clock(),
  );
  const person = await addPerson(database, tenant, email, ["platform_representative"], clock);
  await createPeopleRepo(database.db, tenant.id).updateMembership(
    person.id,
    { roles: ["platform_representative"], platformId, platformSeat: "representative" },
    clock(),
  );
  return { platformId, personId: person.id };
}

export const PEOPLE_REACHED: IndicatorDefinition = {
  key: "people-reached",
  version: 1,
  cycles: ["2024-2026"],
  labels: { en: "People reached", fr: "Personnes rejointes", es: "Personas alcanzadas", pt: "Pessoas alcançadas" },
  unit: "people",
  aggregation: "sum",
  breakdown: { kind: "population-group" },
  sensitive: false,
  comparableWith: [],
};

export const CHILDREN_DETAINED: IndicatorDefinition = {
  key: "children-detained",
  version: 1,
  cycles: ["2024-2026"],
  labels: { en: "Children detained in police raids", fr: "Enfants détenus lors de rafles" },
  unit: "people",
  aggregation: "sum",
  breakdown: { kind: "none" },
  sensitive: true,
  comparableWith: [],
};

export const STREET_WORKERS: IndicatorDefinition = {
  key: "street-workers",
  version: 1,
  cycles: ["2024-2026"],
  labels: { en: "Street workers active", fr: "Travailleur·euses de rue actif·ves" },
  unit: "street-workers",
  aggregation: "average",
  breakdown: { kind: "none" },
  sensitive: false,
  comparableWith: [],
};

/** The reports' use-cases' dependencies on a test database, speaking through a loopback. */
export function testReportsDeps(database: Database, clock: () => Date, loopback: Loopback): ReportsDeps {
  return { db: database.db, clock, newId: randomUUID, network: reportsNetwork(loopback.exchange), pdf: undefined };
}

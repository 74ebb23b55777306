import { randomUUID } from "node:crypto";
import { createPeopleRepo, createPlatformRepo, type Database } from "@dynamo/db";
import type { IndicatorDefinition, PersonId, PlatformId, Tenant } from "@dynamo/domain";
import { getLogger } from "@logtape/logtape";
import { createNodeApp } from "../create-node-app.ts";
import { addPerson, NODE_SECRET } from "../identity/test-fixtures.ts";
import { createReportsArea, type ReportsArea } from "./mount.ts";
import type { ReportsNetwork } from "./network.ts";
import { receiveReportMessage } from "./services/inbound.ts";
import { base58Encode } from "./wire/base58.ts";

/**
 * Test support for the reports area in one process: a small real implementation of the
 * federation port (real Ed25519 keys, a list of peers, an outbox the test delivers by hand),
 * so the region → hub → region loop runs through the real use-cases and proof checks.
 * Cross-node tests over HTTP live in tests/reports.
 */
export interface Loopback {
  network(tenant: Tenant): ReportsNetwork;
  /** Messages queued and not yet delivered, with their sender and recipients. */
  outbox: { from: Tenant; to: "peers" | string[]; message: Record<string, unknown> }[];
  /** Delivers every queued message to the tenants it names (receiving tenants must be registered). */
  deliver(areas: Map<string, { area: ReportsArea; tenant: Tenant }>): Promise<string[]>;
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
  const all = [...tenants, hub];
  const outbox: Loopback["outbox"] = [];
  return {
    outbox,
    actorOf,
    network(tenant) {
      return {
        async signingKey(t) {
          return { actorId: actorOf(t), keyId: `${actorOf(t)}#multikey-2`, privateKey: (await keyOf(t)).privateKey };
        },
        async resolveKey(_t, keyId) {
          const owner = all.find((x) => `${actorOf(x)}#multikey-2` === keyId);
          if (owner === undefined) return undefined;
          const raw = new Uint8Array(await crypto.subtle.exportKey("raw", (await keyOf(owner)).publicKey));
          return {
            controller: actorOf(owner),
            publicKeyMultibase: `z${base58Encode(Uint8Array.from([0xed, 0x01, ...raw]))}`,
          };
        },
        async peers() {
          if (tenant.kind === "region")
            return [{ actorId: actorOf(hub), inbox: "", regionCode: null, role: "hub" as const }];
          return tenants.map((t) => ({
            actorId: actorOf(t),
            inbox: "",
            regionCode: t.regionCode,
            role: "region" as const,
          }));
        },
        async enqueue(_tx, from, to, message) {
          outbox.push({ from, to: to === "peers" ? "peers" : to.map((r) => r.actorId), message });
        },
        wake() {},
      };
    },
    async deliver(areas) {
      const outcomes: string[] = [];
      while (outbox.length > 0) {
        const next = outbox.shift();
        if (next === undefined) break;
        const sender = actorOf(next.from);
        const targets = [...areas.values()].filter(({ tenant }) =>
          next.to === "peers"
            ? tenant.id !== next.from.id &&
              (next.from.kind === "hub" ? tenant.kind === "region" : tenant.kind === "hub")
            : next.to.includes(actorOf(tenant)),
        );
        for (const { area, tenant } of targets) {
          const outcome = await receiveReportMessage(
            { ...area.deps, tenant, logger: getLogger(["dynamo", "reports", "test"]) },
            { sender, document: JSON.parse(JSON.stringify(next.message)), receivedAt: area.deps.clock() },
          );
          outcomes.push(outcome.ok ? outcome.outcome : outcome.reason);
        }
      }
      return outcomes;
    },
  };
}

export function reportsTestApp(database: Database, kind: "region" | "hub", area: ReportsArea, clock: () => Date) {
  return createNodeApp({
    database,
    kind,
    config: { trustProxy: false, publicUrl: "http://node.test" },
    nodeSecret: NODE_SECRET,
    clock,
    reports: area,
  });
}

export function testReportsArea(database: Database, clock: () => Date): ReportsArea {
  return createReportsArea(database.db, { clock, newId: randomUUID });
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

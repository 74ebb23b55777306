import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "@dynamo/testing";
import type { BallotNode } from "../ballots/harness.ts";

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../packages/procedure/seed");
export const seed = (name: string) => readFileSync(path.join(seedDir, name), "utf8");

export interface VersionJson {
  textKey: string;
  number: number;
  status: string;
  inForceSince: string | null;
  ballotId: string | null;
  ballotUri: string | null;
  hash: string;
  previousHash: string | null;
  sections: {
    id: string;
    number: string;
    articles: {
      id: string;
      number: number;
      wording: Record<string, string>;
      shown: { text: string; locale: string; missing: boolean };
    }[];
  }[];
}

export interface AmendmentJson {
  id: string;
  textKey: string;
  state: string;
  reason: string | null;
  baseVersion: number;
  revision: number;
  ballotId: string | null;
  ballotUri: string | null;
  appliedVersion: number | null;
  stale: boolean;
  conflictsWith: string[];
  author: { personId: string; name: string; regionCode: string };
}

export async function json<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** The version of a text in force at a node (undefined while it has none). */
export async function currentVersion(node: BallotNode, textKey: string): Promise<VersionJson | undefined> {
  const response = await node.api("GET", `/api/rules/${textKey}/versions/current`);
  if (response.status === 404) return undefined;
  return json<VersionJson>(response, 200, "getRulesVersion");
}

export async function waitForVersion(node: BallotNode, textKey: string, number: number): Promise<VersionJson> {
  let found: VersionJson | undefined;
  await waitFor(
    async () => {
      found = await currentVersion(node, textKey);
      return found !== undefined && found.number >= number;
    },
    { what: `${node.spec.slug} to keep ${textKey} version ${number}`, timeoutMs: 30_000 },
  );
  if (found === undefined) throw new Error("unreachable");
  return found;
}

export async function amendmentAt(node: BallotNode, id: string): Promise<AmendmentJson | undefined> {
  const response = await node.api("GET", `/api/amendments/${id}`);
  if (response.status === 404) return undefined;
  return json<AmendmentJson>(response, 200, "getAmendment");
}

export async function waitForState(node: BallotNode, id: string, state: string, revision = 1): Promise<AmendmentJson> {
  let found: AmendmentJson | undefined;
  await waitFor(
    async () => {
      found = await amendmentAt(node, id);
      return found?.state === state && found.revision >= revision;
    },
    { what: `${node.spec.slug} to see amendment ${id} ${state}`, timeoutMs: 30_000 },
  );
  if (found === undefined) throw new Error("unreachable");
  return found;
}

/**
 * A peer that does not check what it sends: signs a procedure document with its tenant's key and
 * queues it, as a use-case would, optionally changing it after signing (a forgery).
 */
export async function sendUnchecked(
  node: BallotNode,
  to: "hub" | "regions",
  document: Record<string, unknown>,
  tamper?: (signed: Record<string, unknown>) => Record<string, unknown>,
): Promise<string> {
  const exchange = node.kernel().exchange;
  const actor = exchange.actorUri(node.tenant);
  const id = `${actor}/procedure/unchecked/${crypto.randomUUID()}`;
  const now = node.now();
  const signed = await exchange.sign(
    node.tenant,
    "tenant",
    { "@context": "https://dynamo.network/ns/procedure/v1", id, actor, ...document },
    now,
  );
  const payload = tamper === undefined ? signed : tamper(signed as Record<string, unknown>);
  const activityId = `${id}/activity`;
  const db = node.database.db;
  const recipients = to === "hub" ? [await exchange.hub(db, node.tenant)] : "peers";
  if (Array.isArray(recipients) && recipients[0] === undefined) throw new Error("not peered");
  await db.transaction((tx) =>
    exchange.send(tx, node.tenant, {
      mediaType: "application/vnd.dynamo.procedure+json",
      document: payload,
      activityId,
      objectId: id,
      verb: "create",
      published: now,
      display: { as: "document", name: String(document.type) },
      from: "tenant",
      to: recipients as "peers" | { actorId: string; inbox: string }[],
      listed: false,
    }),
  );
  exchange.wake();
  return activityId;
}

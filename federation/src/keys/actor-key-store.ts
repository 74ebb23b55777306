import { randomUUID } from "node:crypto";
import type { TenantId } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { createSecretBox, type SecretBox } from "../crypto/secret-box.ts";
import { type ActorKeyRepo, createActorKeyRepo, type NewActorKey, type StoredActorKey } from "../db/actor-keys.ts";

const logger = getLogger(["dynamo", "federation", "keys"]);

/** The kinds every actor has, in the order Fedify gets them: RSA first signs HTTP requests. */
const KINDS = ["rsa", "ed25519"] as const;
type KeyKind = (typeof KINDS)[number];
const ALGORITHM: Record<KeyKind, "RSASSA-PKCS1-v1_5" | "Ed25519"> = { rsa: "RSASSA-PKCS1-v1_5", ed25519: "Ed25519" };

/** A key in use, opened: what the actor document publishes and what signs. */
export interface ActorKeyPair {
  kind: KeyKind;
  createdAt: Date;
  keyPair: CryptoKeyPair;
}

export interface ActorKeyStore {
  /** The actor's RSA and Ed25519 key pairs, made and stored (sealed) the first time they are asked for. */
  keyPairsOf(tenantId: TenantId, actorIdentifier: string): Promise<ActorKeyPair[]>;
  /** Retires the actor's keys and makes new ones; returns the new pairs. */
  rotate(tenantId: TenantId, actorIdentifier: string): Promise<ActorKeyPair[]>;
}

export interface ActorKeyStoreOptions {
  /**
   * How long an actor's keys in use are remembered before the database is asked again (every
   * delivery and every incoming activity needs them). A rotation in this process is seen at once;
   * one made by another process sharing the database (the CLI on PostgreSQL), within this time.
   */
  cacheMs?: number;
  clock?: () => number;
}

/**
 * Actor keys on our database, private halves sealed with a key derived from the node secret and
 * bound to their row (tenant, actor, kind, id), so a sealed key moved to another actor's row does
 * not open. Opened keys are kept in memory by row id; a rotation makes new rows. Which rows are
 * in use is remembered per actor for a few seconds (options.cacheMs).
 */
export function createActorKeyStore(db: Db, nodeSecret: string, options: ActorKeyStoreOptions = {}): ActorKeyStore {
  const repo: ActorKeyRepo = createActorKeyRepo(db);
  const box: SecretBox = createSecretBox(nodeSecret, "actor-private-key");
  const cacheMs = options.cacheMs ?? 10_000;
  const now = options.clock ?? Date.now;
  const opened = new Map<string, Promise<CryptoKeyPair>>();
  const generating = new Map<string, Promise<void>>();
  /** The actor's keys in use, by tenant/actor, and until when they may be reused without asking. */
  const inUse = new Map<string, { until: number; pairs: Promise<ActorKeyPair[]> }>();
  /** Bumped by every rotation here: a lookup that started before one ends must not be remembered. */
  let generation = 0;

  const boundTo = (key: Pick<StoredActorKey, "id" | "tenantId" | "actorIdentifier" | "kind">) =>
    `${key.tenantId}/${key.actorIdentifier}/${key.kind}/${key.id}`;

  async function makeKey(tenantId: TenantId, actorIdentifier: string, kind: KeyKind): Promise<NewActorKey> {
    const pair = await generateCryptoKeyPair(ALGORITHM[kind]);
    const id = randomUUID();
    const privateJwk = await exportJwk(pair.privateKey);
    const key = { id, tenantId, actorIdentifier, kind };
    return {
      ...key,
      publicKey: await exportJwk(pair.publicKey),
      sealedPrivateKey: box.seal(JSON.stringify(privateJwk), boundTo(key)),
    };
  }

  function open(key: StoredActorKey): Promise<CryptoKeyPair> {
    let pair = opened.get(key.id);
    if (pair === undefined) {
      pair = (async () => ({
        publicKey: await importJwk(key.publicKey, "public"),
        privateKey: await importJwk(JSON.parse(box.open(key.sealedPrivateKey, boundTo(key))) as JsonWebKey, "private"),
      }))();
      pair.catch(() => opened.delete(key.id));
      opened.set(key.id, pair);
    }
    return pair;
  }

  async function openAll(keys: StoredActorKey[]): Promise<ActorKeyPair[]> {
    const byKind = KINDS.map((kind) => keys.find((key) => key.kind === kind)).filter((key) => key !== undefined);
    return Promise.all(
      byKind.map(async (key) => ({ kind: key.kind as KeyKind, createdAt: key.createdAt, keyPair: await open(key) })),
    );
  }

  async function ensureKeys(tenantId: TenantId, actorIdentifier: string, missing: KeyKind[]): Promise<void> {
    const slot = `${tenantId}/${actorIdentifier}`;
    let pending = generating.get(slot);
    if (pending === undefined) {
      pending = (async () => {
        const keys = await Promise.all(missing.map((kind) => makeKey(tenantId, actorIdentifier, kind)));
        await repo.addIfMissing(keys);
        logger.info("made {kinds} keys for actor {actor} of tenant {tenantId}", {
          kinds: missing.join(" and "),
          actor: actorIdentifier,
          tenantId,
        });
      })().finally(() => generating.delete(slot));
      generating.set(slot, pending);
    }
    await pending;
  }

  async function load(tenantId: TenantId, actorIdentifier: string): Promise<ActorKeyPair[]> {
    let keys = await repo.listActive(tenantId, actorIdentifier);
    const missing = KINDS.filter((kind) => !keys.some((key) => key.kind === kind));
    if (missing.length > 0) {
      await ensureKeys(tenantId, actorIdentifier, missing);
      keys = await repo.listActive(tenantId, actorIdentifier);
    }
    return openAll(keys);
  }

  return {
    keyPairsOf(tenantId, actorIdentifier) {
      const slot = `${tenantId}/${actorIdentifier}`;
      const cached = inUse.get(slot);
      if (cached !== undefined && cached.until > now()) return cached.pairs;
      const started = generation;
      const pairs = load(tenantId, actorIdentifier);
      if (cacheMs > 0) {
        const entry = { until: now() + cacheMs, pairs };
        inUse.set(slot, entry);
        pairs.then(
          () => {
            if (generation !== started && inUse.get(slot) === entry) inUse.delete(slot);
          },
          () => {
            if (inUse.get(slot) === entry) inUse.delete(slot);
          },
        );
      }
      return pairs;
    },

    async rotate(tenantId, actorIdentifier) {
      const replacements = await Promise.all(KINDS.map((kind) => makeKey(tenantId, actorIdentifier, kind)));
      await repo.rotate(tenantId, actorIdentifier, replacements);
      generation++;
      inUse.delete(`${tenantId}/${actorIdentifier}`);
      logger.info("rotated the keys of actor {actor} of tenant {tenantId}", { actor: actorIdentifier, tenantId });
      return openAll(await repo.listActive(tenantId, actorIdentifier));
    },
  };
}

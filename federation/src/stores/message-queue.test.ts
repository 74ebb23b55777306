import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Database } from "@dynamo/db";
import {
  createMemorySink,
  createPostgresDatabase,
  createTestDatabase,
  type TestDatabase,
  testDriver,
  waitFor,
} from "@dynamo/testing";
import type { MessageQueue } from "@fedify/fedify";
import { configure, reset } from "@logtape/logtape";
import { eq } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSecretBox } from "../crypto/secret-box.ts";
import { fedifyQueue } from "../db/schema.ts";
import { createDrizzleMessageQueue, type DrizzleMessageQueueOptions } from "./message-queue.ts";
import { createQueueRows } from "./queue-rows.ts";

const secret = randomBytes(32).toString("base64url");
const logs = createMemorySink();
let database: TestDatabase;
const stops: AbortController[] = [];

beforeAll(async () => {
  await configure({
    reset: true,
    sinks: { memory: logs },
    loggers: [
      { category: ["dynamo"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["memory"] },
    ],
  });
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) stop.abort();
  await database.db.delete(fedifyQueue);
});
afterAll(async () => {
  await database.close();
  await reset();
});

function queueOn(db = database.db, options: Partial<DrizzleMessageQueueOptions> = {}) {
  return createDrizzleMessageQueue(db, { secret, pollIntervalMs: 25, leaseMs: 2_000, ...options });
}

/** Starts a listener that stops at the end of the test; resolves once it has stopped. */
function listen(queue: MessageQueue, handler: (message: { n: number; key?: string }) => Promise<void> | void) {
  const stop = new AbortController();
  stops.push(stop);
  const stopped = queue.listen(handler, { signal: stop.signal });
  return { stop: () => stop.abort(), stopped };
}

async function rowsLeft(db = database.db) {
  return db.select().from(fedifyQueue);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`Fedify message queue on ${testDriver()}`, () => {
  it("hands each message to the handler and deletes it only once the handler resolved", async () => {
    const queue = queueOn();
    await queue.enqueue({ n: 1 });
    await queue.enqueueMany?.([{ n: 2 }, { n: 3 }]);
    const seen: number[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    listen(queue, async (message) => {
      seen.push(message.n);
      if (message.n === 1) await held;
    });
    // Messages 2 and 3 are done and gone; message 1's handler has not finished: its row stays, under a lease.
    const during = await waitFor(
      async () => {
        const left = await rowsLeft();
        return seen.length === 3 && left.length === 1 ? left : undefined;
      },
      { what: "three messages seen, two deleted" },
    );
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(during[0]?.leaseUntil).toBeInstanceOf(Date);
    release();
    await waitFor(async () => (await rowsLeft()).length === 0, { what: "the last row to be deleted" });
    expect(await queue.getDepth?.()).toEqual({ queued: 0, ready: 0, delayed: 0 });
  });

  it("keeps the payload sealed in the table and refuses a tampered one", async () => {
    const queue = queueOn();
    const privateJwk = { kty: "OKP", crv: "Ed25519", d: "c2VjcmV0LXByaXZhdGUta2V5LW1hdGVyaWFs", x: "cHVibGlj" };
    await queue.enqueue({ n: 7, keys: [{ keyId: "https://a.example/actor#main-key", privateKey: privateJwk }] });
    const [row] = await rowsLeft();
    expect(row?.payload).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(row?.payload).not.toContain(privateJwk.d);
    expect(row?.payload).not.toContain("keyId");
    expect(JSON.parse(createSecretBox(secret, "fedify-queue-payload").open(row?.payload ?? "", row?.id))).toMatchObject(
      {
        n: 7,
      },
    );

    // Flip one character of the ciphertext: the queue must not hand it to Fedify.
    const payload = row?.payload ?? "";
    const flipped = payload.slice(0, -3) + (payload.at(-3) === "A" ? "B" : "A") + payload.slice(-2);
    await database.db
      .update(fedifyQueue)
      .set({ payload: flipped })
      .where(eq(fedifyQueue.id, row?.id ?? ""));
    const seen: unknown[] = [];
    listen(queueOn(database.db, { retryDelayMs: () => 60_000 }), (message) => {
      seen.push(message);
    });
    await waitFor(() => logs.text().includes(`queued message ${row?.id} refused`), { what: "the refusal in the logs" });
    expect(seen).toEqual([]);
    const [kept] = await rowsLeft();
    expect(kept?.leaseUntil).toBeNull();
    expect(kept?.availableAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it("holds a delayed message back until its time", async () => {
    const queue = queueOn();
    const handled = new Map<number, number>();
    listen(queue, (message) => {
      handled.set(message.n, Date.now());
    });
    const start = Date.now();
    await queue.enqueue({ n: 1 }, { delay: Temporal.Duration.from({ milliseconds: 600 }) });
    await queue.enqueue({ n: 2 });
    expect(await queue.getDepth?.()).toMatchObject({ delayed: 1 });
    await waitFor(() => handled.size === 2, { what: "both messages" });
    expect((handled.get(1) ?? 0) - start).toBeGreaterThanOrEqual(590);
    expect(handled.get(2) ?? Number.POSITIVE_INFINITY).toBeLessThan(handled.get(1) ?? 0);
  });

  it("handles messages that share an ordering key one at a time, in order, across workers", async () => {
    const queue = queueOn();
    for (let n = 0; n < 6; n++) {
      await queue.enqueue({ n, key: "peer-a" }, { orderingKey: "peer-a" });
      await queue.enqueue({ n, key: "peer-b" }, { orderingKey: "peer-b" });
    }
    const order: Record<string, number[]> = { "peer-a": [], "peer-b": [] };
    const running: Record<string, number> = { "peer-a": 0, "peer-b": 0 };
    let overlapWithinKey = 0;
    let overlapAcrossKeys = 0;
    const handler = async (message: { n: number; key?: string }) => {
      const key = message.key ?? "";
      running[key] = (running[key] ?? 0) + 1;
      if ((running[key] ?? 0) > 1) overlapWithinKey++;
      if (Object.values(running).filter((count) => count > 0).length > 1) overlapAcrossKeys++;
      await pause(15);
      order[key]?.push(message.n);
      running[key] = (running[key] ?? 0) - 1;
    };
    listen(queueOn(database.db, { concurrency: 3 }), handler);
    listen(queueOn(database.db, { concurrency: 3 }), handler);
    await waitFor(() => (order["peer-a"]?.length ?? 0) + (order["peer-b"]?.length ?? 0) === 12, {
      what: "all twelve messages",
    });
    expect(overlapWithinKey).toBe(0);
    expect(order).toEqual({ "peer-a": [0, 1, 2, 3, 4, 5], "peer-b": [0, 1, 2, 3, 4, 5] });
    expect(overlapAcrossKeys).toBeGreaterThan(0);
  });

  it("never lets two workers handle the same message", async () => {
    // On PostgreSQL the second worker has its own connections, as another process would.
    const other = database.url === undefined ? undefined : await createDb({ driver: "postgres", url: database.url });
    try {
      const total = 40;
      await queueOn().enqueueMany?.(Array.from({ length: total }, (_, n) => ({ n })));
      const handledBy = new Map<number, string[]>();
      const record = (worker: string) => async (message: { n: number }) => {
        handledBy.set(message.n, [...(handledBy.get(message.n) ?? []), worker]);
        await pause(2);
      };
      listen(queueOn(database.db, { concurrency: 4 }), record("one"));
      listen(queueOn(other?.db ?? database.db, { concurrency: 4 }), record("two"));
      await waitFor(async () => handledBy.size === total && (await rowsLeft()).length === 0, {
        what: "every message handled and deleted",
      });
      expect([...handledBy.values()].every((workers) => workers.length === 1)).toBe(true);
      const counts = [...handledBy.values()].flat();
      expect(counts.filter((w) => w === "one").length + counts.filter((w) => w === "two").length).toBe(total);
    } finally {
      for (const stop of stops.splice(0)) stop.abort();
      await other?.close();
    }
  });

  it("leaves a message whose handler threw in the queue, and tries it again", async () => {
    const queue = queueOn(database.db, { retryDelayMs: () => 100 });
    await queue.enqueue({ n: 1 });
    const attempts: number[] = [];
    listen(queue, (message) => {
      attempts.push(message.n);
      if (attempts.length === 1) throw new Error("peer unreachable");
    });
    await waitFor(() => attempts.length === 2, { what: "a second attempt" });
    await waitFor(async () => (await rowsLeft()).length === 0, { what: "the row to be deleted after success" });
    expect(logs.text()).toContain("peer unreachable");
  });

  it("lets another worker take a message once a crashed worker's lease runs out", async () => {
    const queue = queueOn();
    await queue.enqueue({ n: 42 });
    // A worker claims the message with a short lease, then dies: no handler result, no renewal.
    const crashed = createQueueRows(database.db, createSecretBox(secret, "fedify-queue-payload"));
    const claim = await crashed.claim(400);
    expect(claim).toBeDefined();
    const claimedAt = Date.now();

    const seen: number[] = [];
    let finish: () => void = () => {};
    const finishing = new Promise<void>((resolve) => {
      finish = resolve;
    });
    listen(queueOn(database.db, { leaseMs: 5_000 }), async (message) => {
      seen.push(message.n);
      await finishing;
    });
    await waitFor(() => seen.length === 1, { what: "the survivor to take the message" });
    expect(seen).toEqual([42]);
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(350);
    // The dead worker coming back late cannot delete the survivor's claim.
    if (claim) await crashed.complete(claim);
    expect(await rowsLeft()).toHaveLength(1);
    finish();
    await waitFor(async () => (await rowsLeft()).length === 0, { what: "the survivor to finish" });
  });

  it("renews the lease of a slow handler, so no other worker starts the same message", async () => {
    await queueOn().enqueue({ n: 5 });
    const starts: string[] = [];
    const slow = (worker: string) => async () => {
      starts.push(worker);
      await pause(900);
    };
    listen(queueOn(database.db, { leaseMs: 200 }), slow("one"));
    listen(queueOn(database.db, { leaseMs: 200 }), slow("two"));
    await waitFor(async () => starts.length === 1 && (await rowsLeft()).length === 0, {
      what: "the slow handler to finish",
      timeoutMs: 5_000,
    });
    expect(starts).toHaveLength(1);
  });

  it("drains, after a restart, what was queued before it", async () => {
    const reopen = await reopenableDatabase();
    let first: Database | undefined = await reopen();
    try {
      const before = queueOn(first.db);
      await before.enqueueMany?.([{ n: 1 }, { n: 2 }]);
      await before.enqueue({ n: 3 }, { delay: Temporal.Duration.from({ milliseconds: 300 }) });
      await first.close();
      first = undefined;

      const after = await reopen();
      try {
        const seen: number[] = [];
        listen(queueOn(after.db), (message) => {
          seen.push(message.n);
        });
        await waitFor(async () => seen.length === 3 && (await rowsLeft(after.db)).length === 0, {
          what: "the queued messages after the restart",
        });
        expect(seen.sort()).toEqual([1, 2, 3]);
      } finally {
        for (const stop of stops.splice(0)) stop.abort();
        await after.close();
      }
    } finally {
      await first?.close();
      await reopen.drop();
    }
  });

  it("stops listening when aborted, after the handlers in flight finished", async () => {
    const queue = queueOn();
    await queue.enqueue({ n: 1 });
    let done = false;
    let started = false;
    const listener = listen(queue, async () => {
      started = true;
      await pause(200);
      done = true;
    });
    await waitFor(() => started, { what: "the handler to start" });
    listener.stop();
    await listener.stopped;
    expect(done).toBe(true);
    expect(await rowsLeft()).toHaveLength(0);
  });
});

/** A database that can be closed and opened again with its data: PGlite files on disk, or a PostgreSQL database. */
async function reopenableDatabase(): Promise<(() => Promise<Database>) & { drop: () => Promise<void> }> {
  if (testDriver() === "pglite") {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-queue-"));
    return Object.assign(() => createDb({ driver: "pglite", dataDir }), { drop: async () => {} });
  }
  const created = await createPostgresDatabase();
  return Object.assign(() => createDb({ driver: "postgres", url: created.url }), { drop: created.drop });
}

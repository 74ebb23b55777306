import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { benchRepeats, interleave, printRatios, rateLine, ratios } from "./compare.ts";

/**
 * The ceilings the node's work is measured against: how many Ed25519 verifications one thread
 * of this machine can make (node:crypto, on a 64-byte message, as eddsa-jcs-2022 verifies the
 * two SHA-256 digests of a proof), how many every core can (one worker thread per core), and
 * how many deliveries could be verified per second if a delivery cost only its two checks: one
 * RSA-2048 HTTP signature (over a signature base of a few hundred bytes) and one Ed25519 proof.
 */

const ED25519_MESSAGE = 64;
const SIGNATURE_BASE = 320;

function ed25519Check() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const data = randomBytes(ED25519_MESSAGE);
  const signature = sign(null, data, privateKey);
  return () => verify(null, data, publicKey, signature);
}

function rsaCheck() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const data = randomBytes(SIGNATURE_BASE);
  const signature = sign("sha256", data, privateKey);
  return () => verify("sha256", data, publicKey, signature);
}

/** Runs `check` for about `ms` and returns how many it made per second (each must succeed). */
export function ratePerSecond(check: () => boolean, ms: number): number {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i++) if (check()) count++;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

export function ed25519OneThread(ms: number): number {
  return ratePerSecond(ed25519Check(), ms);
}

/** One delivery's verification alone: RSA-2048 then Ed25519, as many times a second as one thread can. */
export function deliveryVerifyCeiling(ms: number): number {
  const rsa = rsaCheck();
  const ed = ed25519Check();
  return ratePerSecond(() => rsa() && ed(), ms);
}

// The workers' code: plain JavaScript (no TypeScript loader in a worker), node:crypto only.
const WORKER = `
const { parentPort } = require("node:worker_threads");
const { generateKeyPairSync, randomBytes, sign, verify } = require("node:crypto");
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const data = randomBytes(${ED25519_MESSAGE});
const signature = sign(null, data, privateKey);
parentPort.on("message", (ms) => {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i++) if (verify(null, data, publicKey, signature)) count++;
    elapsed = performance.now() - started;
  }
  parentPort.postMessage({ count, elapsed });
});
parentPort.postMessage("ready");
`;

/** One worker per core, kept between rounds so that only the verifying is measured. */
export async function ed25519Pool(threads = availableParallelism()) {
  const workers = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<Worker>((resolve, reject) => {
          const worker = new Worker(WORKER, { eval: true });
          worker.once("message", () => resolve(worker));
          worker.once("error", reject);
        }),
    ),
  );
  return {
    threads,
    /** Verifications per second of every worker together, each verifying for `ms`. */
    async rate(ms: number): Promise<number> {
      const results = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<{ count: number; elapsed: number }>((resolve) => {
              worker.once("message", resolve);
              worker.postMessage(ms);
            }),
        ),
      );
      return results.reduce((sum, r) => sum + (r.count / r.elapsed) * 1000, 0);
    },
    close: () => Promise.all(workers.map((w) => w.terminate())).then(() => undefined),
  };
}

/** `./dev bench ceilings`: the ceilings themselves, each against one thread's Ed25519 rate. */
export async function benchCeilings(ms = Number(process.env.BENCH_CEILING_MS ?? 1000)): Promise<void> {
  const pool = await ed25519Pool();
  try {
    const rounds = await interleave(benchRepeats(), [
      { name: "ed25519 one thread", run: async () => ed25519OneThread(ms) },
      { name: `ed25519 ${pool.threads} threads`, run: () => pool.rate(ms) },
      { name: "delivery verify (RSA-2048 + Ed25519)", run: async () => deliveryVerifyCeiling(ms) },
    ]);
    printRatios(
      "ceilings: verification on this machine",
      ratios(rounds, [
        {
          figure: `Ed25519 on ${pool.threads} threads / one thread`,
          of: `ed25519 ${pool.threads} threads`,
          to: "ed25519 one thread",
        },
        {
          figure: "deliveries verified / Ed25519 verifications (one thread)",
          of: "delivery verify (RSA-2048 + Ed25519)",
          to: "ed25519 one thread",
        },
      ]),
      [
        rateLine(rounds, "ed25519 one thread", "verifications/s"),
        rateLine(rounds, `ed25519 ${pool.threads} threads`, "verifications/s"),
        rateLine(rounds, "delivery verify (RSA-2048 + Ed25519)", "deliveries/s"),
      ],
    );
  } finally {
    await pool.close();
  }
}

import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a first-run setup link works. */
export const SETUP_LINK_TTL_MS = 60 * 60 * 1000;

export type SetupTokenError = "malformed" | "forged" | "expired";

function setupKey(nodeSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(nodeSecret, "utf8"), "dynamo-identity", "setup-link-hmac-v1", 32));
}

function mac(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload, "utf8").digest("base64url");
}

/**
 * A first-run setup token: when it was issued, 128 random bits, and an HMAC of both under a key
 * derived from the node secret. Nothing is stored: another node secret refuses it, and it stops
 * working an hour after it was issued, or once the node has an administrator.
 */
export function issueSetupToken(nodeSecret: string, now: Date): string {
  const payload = `${now.getTime().toString(36)}.${randomBytes(16).toString("base64url")}`;
  return `${payload}.${mac(setupKey(nodeSecret), payload)}`;
}

export function checkSetupToken(
  nodeSecret: string,
  token: string,
  now: Date,
): { ok: true; issuedAt: Date } | { ok: false; error: SetupTokenError } {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, error: "malformed" };
  const [, issued = "", nonce = "", given = ""] = match;
  const expected = Buffer.from(mac(setupKey(nodeSecret), `${issued}.${nonce}`), "utf8");
  const actual = Buffer.from(given, "utf8");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, error: "forged" };
  const issuedAt = new Date(Number.parseInt(issued, 36));
  const age = now.getTime() - issuedAt.getTime();
  // A token from the future (a clock moved back) is as suspect as an old one.
  if (age > SETUP_LINK_TTL_MS || age < -60_000) return { ok: false, error: "expired" };
  return { ok: true, issuedAt };
}

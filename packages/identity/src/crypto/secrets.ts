import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** A fresh single-use link token: 256 random bits, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Link tokens are stored as their SHA-256 only: a copy of the database opens no account. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A short, stable, non-reversible name for a value kept in a rate-limit key (an email). */
export function fingerprint(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url").slice(0, 22);
}

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a hash. Without a hash (no such person, or an invitation not yet
 * accepted) it still does the same work, so the answer's timing tells nothing.
 */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** CSRF token for a binding (a session id or a visitor's nonce). */
export function csrfTokenFor(key: Buffer, binding: string): string {
  return createHmac("sha256", key).update(binding, "utf8").digest("base64url");
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

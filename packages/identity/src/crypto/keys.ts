import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from "node:crypto";

/** The keys of the identity area, all derived from the node secret: nothing more to store. */
export interface IdentityKeys {
  /** Signs session tokens (Ed25519). */
  signingKey: KeyObject;
  verifyKey: KeyObject;
  /** Binds CSRF tokens to a session or a visitor (HMAC-SHA-256). */
  csrfKey: Buffer;
}

// A PKCS#8 envelope for a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function derive(nodeSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(nodeSecret, "utf8"), "dynamo-identity", purpose, 32));
}

/** HKDF from the node secret: the same secret gives the same keys on every process of a node. */
export function deriveIdentityKeys(nodeSecret: string): IdentityKeys {
  if (nodeSecret.length < 32) throw new Error("the node secret must be at least 32 characters");
  const seed = derive(nodeSecret, "session-signing-ed25519-v1");
  const signingKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  return { signingKey, verifyKey: createPublicKey(signingKey), csrfKey: derive(nodeSecret, "csrf-hmac-v1") };
}

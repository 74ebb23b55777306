import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** What a sealed value is for: each purpose gets its own key, derived from the node secret. */
export type SecretPurpose = "fedify-queue-payload" | "actor-private-key";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A fixed salt: the node secret is already high-entropy; the purpose label separates the keys.
const SALT = "dynamo-network/secret-box";

/**
 * Seals values at rest with AES-256-GCM under a key derived from the node secret by HKDF-SHA256,
 * one key per purpose. `associated` binds a sealed value to where it is stored (a row id), so a
 * ciphertext copied to another row does not open. Opening anything altered throws.
 */
export interface SecretBox {
  seal(plaintext: string, associated?: string): string;
  open(sealed: string, associated?: string): string;
}

export function createSecretBox(nodeSecret: string, purpose: SecretPurpose): SecretBox {
  if (nodeSecret.length < 32) throw new Error("the node secret must be at least 32 characters");
  const key = Buffer.from(hkdfSync("sha256", nodeSecret, SALT, `dynamo/${purpose}/${VERSION}`, 32));
  return {
    seal(plaintext, associated = "") {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(associated, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },
    open(sealed, associated = "") {
      const [version, encoded] = sealed.split(".");
      if (version !== VERSION || encoded === undefined) throw new SealedValueError("unknown format");
      const bytes = Buffer.from(encoded, "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new SealedValueError("too short");
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(associated, "utf8"));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new SealedValueError("authentication failed: altered, or sealed with another secret");
      }
    },
  };
}

/** A sealed value that does not open: tampered with, moved, or sealed under another secret. */
export class SealedValueError extends Error {
  constructor(reason: string) {
    super(`sealed value refused: ${reason}`);
    this.name = "SealedValueError";
  }
}

import { createHash } from "node:crypto";
import { type CanonicalValue, canonicalJson } from "@dynamo/domain";

/**
 * The pieces of a Data Integrity proof with the eddsa-jcs-2022 cryptosuite (FEP-8b32) that our
 * own signers share: the signed votes (ballots/vote-proof.ts) and the activities the delivery
 * worker sends to peers (outbox/peer-delivery.ts).
 */

/** A JSON document, as JCS (RFC 8785) canonicalizes it. */
export type JsonDocument = { readonly [key: string]: CanonicalValue | undefined };

/** The proof's fields but its value: what the signature covers along with the document. */
export interface ProofOptions {
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-jcs-2022";
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  created: string;
}

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** Base58 (Bitcoin alphabet): a proof value is "z" followed by the signature in it. */
export function base58(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = "";
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

export function unbase58(text: string): Uint8Array<ArrayBuffer> | undefined {
  let value = 0n;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  for (const char of text) {
    if (char !== "1") break;
    bytes.unshift(0);
  }
  return new Uint8Array(bytes);
}

/**
 * What eddsa-jcs-2022 signs: SHA-256 of the canonical proof options (with the document's
 * @context, when it has one), then SHA-256 of the canonical document without its proof.
 */
export function signingInput(document: JsonDocument, options: ProofOptions): Uint8Array<ArrayBuffer> {
  const sha256 = (value: CanonicalValue) => createHash("sha256").update(canonicalJson(value)).digest();
  const context = document["@context"];
  const withContext = context === undefined ? options : { ...options, "@context": context };
  const data = new Uint8Array(64);
  data.set(sha256(withContext as CanonicalValue), 0);
  data.set(sha256(document as CanonicalValue), 32);
  return data;
}

import { type CanonicalValue, canonicalJson } from "@dynamo/domain";
import { base58Decode, base58Encode } from "./base58.ts";

/**
 * Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (FEP-8b32): the proof options and the
 * document are each canonicalised (JCS: sorted keys, no whitespace), hashed with SHA-256, and the
 * two hashes, options first, are signed with the actor's Ed25519 key. The proof names its key by
 * the id the actor document publishes under assertionMethod, so any peer can check it later
 * against the actor's own published key — the signed JSON is kept and re-verifiable at any time.
 */
export interface DataIntegrityProof {
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-jcs-2022";
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  created: string;
  proofValue: string;
}

export type Signed<T> = T & { proof: DataIntegrityProof };

/** A JSON document (the shapes canonicalJson accepts, without Dates). */
export type JsonDocument = { readonly [key: string]: CanonicalValue | undefined };

const subtle = globalThis.crypto.subtle;

async function hashData(document: JsonDocument, options: Omit<DataIntegrityProof, "proofValue">) {
  const encode = (value: CanonicalValue) => new TextEncoder().encode(canonicalJson(value));
  const context = document["@context"];
  const optionsWithContext = context === undefined ? options : { ...options, "@context": context };
  const optionsHash = new Uint8Array(await subtle.digest("SHA-256", encode(optionsWithContext as CanonicalValue)));
  const documentHash = new Uint8Array(await subtle.digest("SHA-256", encode(document as CanonicalValue)));
  const data = new Uint8Array(optionsHash.length + documentHash.length);
  data.set(optionsHash, 0);
  data.set(documentHash, optionsHash.length);
  return data;
}

export async function signDocument<T extends JsonDocument>(
  document: T,
  key: { privateKey: CryptoKey; keyId: string },
  created: Date,
): Promise<Signed<T>> {
  const options = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    verificationMethod: key.keyId,
    proofPurpose: "assertionMethod",
    created: created.toISOString(),
  } as const;
  const signature = new Uint8Array(await subtle.sign("Ed25519", key.privateKey, await hashData(document, options)));
  return { ...document, proof: { ...options, proofValue: `z${base58Encode(signature)}` } };
}

export type ProofFailure =
  | { kind: "no-proof" }
  | { kind: "unsupported-proof" }
  | { kind: "unknown-key"; keyId: string }
  | { kind: "bad-signature"; keyId: string };

/** Finds the Ed25519 public key a verification method names, and the actor that controls it. */
export type ResolveKey = (keyId: string) => Promise<{ controller: string; publicKey: CryptoKey } | undefined>;

/**
 * Checks a signed document: a single eddsa-jcs-2022 proof whose key resolves, and a signature
 * over exactly this document. Returns the controller of the key (the signer) on success.
 */
export async function verifyDocument(
  signed: Record<string, unknown>,
  resolveKey: ResolveKey,
): Promise<{ ok: true; controller: string; keyId: string } | { ok: false; error: ProofFailure }> {
  const { proof, ...document } = signed;
  if (proof === undefined || proof === null || typeof proof !== "object")
    return { ok: false, error: { kind: "no-proof" } };
  const p = proof as Record<string, unknown>;
  if (
    p.type !== "DataIntegrityProof" ||
    p.cryptosuite !== "eddsa-jcs-2022" ||
    p.proofPurpose !== "assertionMethod" ||
    typeof p.verificationMethod !== "string" ||
    typeof p.created !== "string" ||
    typeof p.proofValue !== "string" ||
    !p.proofValue.startsWith("z")
  ) {
    return { ok: false, error: { kind: "unsupported-proof" } };
  }
  const keyId = p.verificationMethod;
  const key = await resolveKey(keyId);
  if (key === undefined) return { ok: false, error: { kind: "unknown-key", keyId } };
  const signature = base58Decode(p.proofValue.slice(1));
  if (signature === null) return { ok: false, error: { kind: "bad-signature", keyId } };
  const options = {
    type: p.type,
    cryptosuite: p.cryptosuite,
    verificationMethod: keyId,
    proofPurpose: p.proofPurpose,
    created: p.created,
  } as const;
  let valid = false;
  try {
    const bytes = new Uint8Array(signature);
    valid = await subtle.verify("Ed25519", key.publicKey, bytes, await hashData(document as JsonDocument, options));
  } catch {
    valid = false;
  }
  return valid
    ? { ok: true, controller: key.controller, keyId }
    : { ok: false, error: { kind: "bad-signature", keyId } };
}

/** The Ed25519 public key of a Multikey's publicKeyMultibase ("z" + base58 of 0xed 0x01 + 32 bytes). */
export async function importMultikey(publicKeyMultibase: string): Promise<CryptoKey | undefined> {
  if (!publicKeyMultibase.startsWith("z")) return undefined;
  const bytes = base58Decode(publicKeyMultibase.slice(1));
  if (bytes === null || bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined;
  return subtle.importKey("raw", new Uint8Array(bytes.slice(2)), "Ed25519", true, ["verify"]);
}

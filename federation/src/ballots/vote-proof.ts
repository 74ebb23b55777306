import { KeyObject, verify as verifySignature } from "node:crypto";
import type { Tenant } from "@dynamo/domain";
import { fetchKey } from "@fedify/fedify";
import { Multikey } from "@fedify/vocab";
import { z } from "zod";
import { base58, type JsonDocument, signingInput, unbase58 } from "../crypto/data-integrity.ts";
import type { NodeFederation } from "../federation.ts";
import { platformActorIdentifier } from "../roster/wire.ts";

/**
 * A signed vote is a JSON document with a Data Integrity proof (eddsa-jcs-2022, FEP-8b32) made
 * by its platform actor's Ed25519 key when the vote is cast. It travels as text inside the vote's
 * Note, so no JSON-LD processing on the way changes a byte of what was signed, and it can be
 * checked again by anyone, at any time, against the key the platform's actor publishes: the hub
 * on arrival, every region when the roll call is published.
 */
const voteProofSchema = z.strictObject({
  type: z.literal("DataIntegrityProof"),
  cryptosuite: z.literal("eddsa-jcs-2022"),
  verificationMethod: z.string(),
  proofPurpose: z.literal("assertionMethod"),
  created: z.string().refine((value) => !Number.isNaN(new Date(value).getTime())),
  proofValue: z.string().startsWith("z"),
});
export type VoteProof = z.infer<typeof voteProofSchema>;

type Document = JsonDocument;

const subtle = globalThis.crypto.subtle;

/** Signs a document with an Ed25519 private key named by `keyId`: the document with its proof. */
export async function signWithKey<T extends Document>(
  document: T,
  key: { privateKey: CryptoKey; keyId: string },
  created: Date,
): Promise<T & { proof: VoteProof }> {
  const options = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    verificationMethod: key.keyId,
    proofPurpose: "assertionMethod",
    created: created.toISOString(),
  } as const;
  const signature = new Uint8Array(await subtle.sign("Ed25519", key.privateKey, signingInput(document, options)));
  return { ...document, proof: { ...options, proofValue: `z${base58(signature)}` } };
}

/** The proof of a signed document, when it is one we check (exactly our shape); undefined otherwise. */
export function proofOf(signed: unknown): VoteProof | undefined {
  if (typeof signed !== "object" || signed === null) return undefined;
  const parsed = voteProofSchema.safeParse((signed as { proof?: unknown }).proof);
  return parsed.success ? parsed.data : undefined;
}

const keyObjects = new WeakMap<CryptoKey, KeyObject>();
const keyObjectOf = (key: CryptoKey): KeyObject => {
  let object = keyObjects.get(key);
  if (object === undefined) {
    object = KeyObject.from(key);
    keyObjects.set(key, object);
  }
  return object;
};

/** Checks a signed document against an Ed25519 public key. */
export async function verifyWithKey(signed: Document & { proof?: unknown }, publicKey: CryptoKey): Promise<boolean> {
  const proof = proofOf(signed);
  if (proof === undefined) return false;
  const signature = unbase58(proof.proofValue.slice(1));
  if (signature === undefined || signature.length !== 64) return false;
  const { proof: _proof, ...document } = signed;
  const { proofValue: _value, ...options } = proof;
  try {
    return verifySignature(null, signingInput(document as Document, options), keyObjectOf(publicKey), signature);
  } catch {
    return false;
  }
}

/**
 * The platform actor's Ed25519 key and the id its actor document publishes it under: Fedify lists
 * an actor's keys as assertion methods #multikey-1, #multikey-2… in the key store's order.
 */
export async function platformSigningKey(
  federation: NodeFederation,
  tenant: Tenant,
  platformId: string,
): Promise<{ actorId: string; keyId: string; privateKey: CryptoKey }> {
  const identifier = platformActorIdentifier(platformId);
  const pairs = await federation.keys.keyPairsOf(tenant.id, identifier);
  const index = pairs.findIndex((pair) => pair.kind === "ed25519");
  const pair = pairs[index];
  if (pair === undefined) throw new Error(`actor ${identifier} of ${tenant.slug} has no Ed25519 key`);
  const actorId = federation.contextFor(tenant).getActorUri(identifier).href;
  return { actorId, keyId: `${actorId}#multikey-${index + 1}`, privateKey: pair.keyPair.privateKey };
}

export type VoteProofFailure =
  | { kind: "no-proof" }
  | { kind: "unknown-key"; keyId: string }
  | { kind: "bad-signature" };

/**
 * Checks a signed vote: fetches the key its proof names (Fedify's loader and cache), which must
 * be an Ed25519 key, and verifies the proof. Returns the key's controller (the actor that signed)
 * and when it signed.
 */
export async function verifySignedVote(
  federation: NodeFederation,
  tenant: Tenant,
  signed: unknown,
): Promise<{ ok: true; value: { controller: string; created: Date } } | { ok: false; error: VoteProofFailure }> {
  const proof = proofOf(signed);
  if (proof === undefined) return { ok: false, error: { kind: "no-proof" } };
  let url: URL;
  try {
    url = new URL(proof.verificationMethod);
  } catch {
    return { ok: false, error: { kind: "unknown-key", keyId: proof.verificationMethod } };
  }
  const fctx = federation.contextFor(tenant);
  const { key } = await fetchKey(url, Multikey, {
    documentLoader: fctx.documentLoader,
    contextLoader: fctx.contextLoader,
  }).catch(() => ({ key: null }));
  if (
    key === null ||
    key.controllerId === null ||
    key.publicKey === null ||
    key.publicKey.algorithm.name !== "Ed25519"
  ) {
    return { ok: false, error: { kind: "unknown-key", keyId: proof.verificationMethod } };
  }
  if (!(await verifyWithKey(signed as Document, key.publicKey))) return { ok: false, error: { kind: "bad-signature" } };
  return { ok: true, value: { controller: key.controllerId.href, created: new Date(proof.created) } };
}

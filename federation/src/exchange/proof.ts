import { type DocumentLoader, fetchKey, type KeyCache, verifyProof } from "@fedify/fedify";
import { DataIntegrityProof, Multikey } from "@fedify/vocab";
import baseX from "@multiformats/base-x";
import serialize from "json-canon";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";

/**
 * The network's one implementation of Data Integrity proofs with the eddsa-jcs-2022 cryptosuite
 * (FEP-8b32), for every signed document (a vote, a delegation, a report) and for the activities
 * the outbox signs once for its peers. Verification is Fedify's own verifyProof, with the signer's
 * key fetched through Fedify's document loader (its cache and its private-address guard). Signing
 * is ours: Fedify's createProof signs vocabulary objects after JSON-LD compaction, while our
 * documents are plain JSON that must be signed byte for byte as stored; it uses the same
 * canonicalisation (json-canon, RFC 8785) and base58 codec (@multiformats/base-x) as Fedify.
 */
const base58btc = baseX("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

export const encodeBase58 = (bytes: Uint8Array): string => base58btc.encode(bytes);
export const decodeBase58 = (text: string): Uint8Array | undefined => {
  try {
    return base58btc.decode(text);
  } catch {
    return undefined;
  }
};

/** A JSON object as it is signed: plain values only. */
export type JsonObject = { readonly [key: string]: unknown };

/** `created` as Fedify writes and reads it (Temporal's instant text): what the signature covers. */
const createdText = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime()).toString();

export const ProofSchema = z.strictObject({
  "@context": z.unknown().optional(),
  type: z.literal("DataIntegrityProof"),
  cryptosuite: z.literal("eddsa-jcs-2022"),
  verificationMethod: z.string().url().max(2000),
  proofPurpose: z.literal("assertionMethod"),
  created: z.string().max(64),
  proofValue: z.string().startsWith("z").max(200),
});
export type ProofJson = z.infer<typeof ProofSchema>;

export type Signed<T extends JsonObject> = T & { proof: ProofJson };

const sha256 = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

/** What eddsa-jcs-2022 signs: SHA-256 of the canonical proof options (with the document's @context), then of the document. */
async function signingInput(document: JsonObject, options: Omit<ProofJson, "proofValue" | "@context">) {
  const { proof: _proof, ...unsigned } = document as JsonObject & { proof?: unknown };
  const withContext = { "@context": document["@context"], ...options };
  const data = new Uint8Array(64);
  data.set(await sha256(serialize(withContext)), 0);
  data.set(await sha256(serialize(unsigned)), 32);
  return data;
}

/**
 * Signs a document with an Ed25519 private key whose public half the signer's actor publishes
 * under `keyId`. `withContext`: the proof repeats the document's @context, as Fedify writes the
 * proof of an activity (a JSON-LD graph of its own); a plain document's proof has none.
 */
export async function signJson<T extends JsonObject>(
  document: T,
  key: { privateKey: CryptoKey; keyId: string },
  created: Date,
  options: { withContext?: boolean } = {},
): Promise<Signed<T>> {
  const proofOptions = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    verificationMethod: key.keyId,
    proofPurpose: "assertionMethod",
    created: createdText(created),
  } as const;
  const signature = new Uint8Array(
    await crypto.subtle.sign("Ed25519", key.privateKey, await signingInput(document, proofOptions)),
  );
  const proof: ProofJson = {
    ...(options.withContext ? { "@context": document["@context"] } : {}),
    ...proofOptions,
    proofValue: `z${encodeBase58(signature)}`,
  };
  return { ...document, proof };
}

export type ProofFailure =
  | { kind: "no-proof" }
  | { kind: "unsupported-proof"; detail: string }
  | { kind: "unknown-key"; keyId: string }
  | { kind: "bad-signature"; keyId: string };

export interface VerifiedProof {
  /** The actor that controls the key (who signed). */
  controller: string;
  keyId: string;
  created: Date;
}

export interface ProofLoaders {
  documentLoader: DocumentLoader;
  contextLoader: DocumentLoader;
  keyCache?: KeyCache;
}

/**
 * Checks a signed document with Fedify's verifyProof: one eddsa-jcs-2022 proof, over exactly
 * this document, by an Ed25519 key that an actor publishes as its assertion method. Returns that
 * actor (the key's controller), the key and when it signed. Never inside a database transaction:
 * the key may be fetched, and Fedify's cache lives in the database.
 */
export async function verifyJson(
  signed: unknown,
  loaders: ProofLoaders,
): Promise<{ ok: true; value: VerifiedProof } | { ok: false; error: ProofFailure }> {
  if (typeof signed !== "object" || signed === null || !("proof" in signed))
    return { ok: false, error: { kind: "no-proof" } };
  const parsed = ProofSchema.safeParse((signed as { proof: unknown }).proof);
  if (!parsed.success)
    return { ok: false, error: { kind: "unsupported-proof", detail: parsed.error.issues[0]?.message ?? "" } };
  const proof = parsed.data;
  let created: Temporal.Instant;
  try {
    created = Temporal.Instant.from(proof.created);
  } catch {
    return { ok: false, error: { kind: "unsupported-proof", detail: "created is not an instant" } };
  }
  // Fedify hashes `created` as it prints it: another spelling of the same instant cannot verify.
  if (created.toString() !== proof.created)
    return { ok: false, error: { kind: "unsupported-proof", detail: "created is not in its canonical form" } };
  const signature = decodeBase58(proof.proofValue.slice(1));
  if (signature === undefined || signature.length !== 64)
    return { ok: false, error: { kind: "bad-signature", keyId: proof.verificationMethod } };
  const keyId = new URL(proof.verificationMethod);
  const { key } = await fetchKey(keyId, Multikey, loaders).catch(() => ({ key: null }));
  if (key === null || key.controllerId === null || key.publicKey?.algorithm.name !== "Ed25519")
    return { ok: false, error: { kind: "unknown-key", keyId: keyId.href } };
  const verified = await verifyProof(
    signed,
    new DataIntegrityProof({
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: keyId,
      proofPurpose: "assertionMethod",
      proofValue: signature,
      created,
    }),
    { ...loaders, keyCache: { get: async (id) => (id.href === keyId.href ? key : undefined), set: async () => {} } },
  ).catch(() => null);
  if (verified === null) return { ok: false, error: { kind: "bad-signature", keyId: keyId.href } };
  return {
    ok: true,
    value: { controller: key.controllerId.href, keyId: keyId.href, created: new Date(created.epochMilliseconds) },
  };
}

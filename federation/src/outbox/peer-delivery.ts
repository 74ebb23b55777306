import { type Context, SendActivityError, signRequest, verifyProof } from "@fedify/fedify";
import { DataIntegrityProof, type Multikey } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { Temporal } from "temporal-polyfill";
import type { FederationContextData } from "../context-data.ts";
import { decodeBase58, signJson } from "../exchange/proof.ts";

const logger = getLogger(["dynamo", "federation", "outbox"]);

/**
 * Deliveries to trusted peers: other nodes of the network, which run Fedify like this one.
 *
 * Fedify's sendActivity signs each activity three ways on every call: an Ed25519 integrity proof
 * (FEP-8b32), an RSA Linked Data Signature (RsaSignature2017, JSON-LD canonicalization on both
 * sides) and the HTTP signature. Toward a peer, the worker instead signs the activity once (the
 * stored payload and an eddsa-jcs-2022 proof made with the actor's Ed25519 key, which covers
 * every byte of it) and sends that same body to each peer with an RFC 9421 HTTP signature made
 * by Fedify's signRequest. The peer's Fedify verifies the proof (or else the HTTP signature), so
 * the Linked Data Signature adds nothing between our nodes: it exists for servers that accept an
 * activity relayed by someone other than its author, which our nodes never do.
 */

/** The actor's keys, as its actor document publishes them. */
export interface Signer {
  /** Signs HTTP requests: the actor's RSA key, published as its publicKey. */
  rsa: { keyId: URL; privateKey: CryptoKey };
  /** Signs proofs: the actor's Ed25519 key, published as an assertion method. */
  ed25519: { multikey: Multikey; keyId: URL; privateKey: CryptoKey };
}

/** The actor's signer through Fedify (so key ids are the ones its actor document shows); undefined without both keys. */
export async function signerOf(fctx: Context<FederationContextData>, identifier: string): Promise<Signer | undefined> {
  const pairs = await fctx.getActorKeyPairs(identifier);
  const rsa = pairs.find((pair) => pair.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5");
  const ed25519 = pairs.find((pair) => pair.privateKey.algorithm.name === "Ed25519");
  if (rsa === undefined || ed25519 === undefined || ed25519.multikey.id === null) return undefined;
  return {
    rsa: { keyId: rsa.keyId, privateKey: rsa.privateKey },
    ed25519: { multikey: ed25519.multikey, keyId: ed25519.multikey.id, privateKey: ed25519.privateKey },
  };
}

const WIRE_SIGNATURES = ["proof", "signature", "https://w3id.org/security#proof"];

/**
 * The body sent to every peer: the stored activity (compact JSON-LD, as Fedify wrote it) with an
 * eddsa-jcs-2022 proof over exactly that JSON. The proof is checked with Fedify's verifyProof
 * before anything is sent, so a peer never gets a proof its Fedify would not accept; undefined
 * (Fedify's own path then signs it) when the payload already carries a signature or the check fails.
 */
export async function signForPeers(
  payload: Record<string, unknown>,
  signer: Signer,
  now: Date,
): Promise<string | undefined> {
  if (WIRE_SIGNATURES.some((key) => key in payload)) return undefined;
  // As Fedify writes a proof: with the activity's @context, the proof being a graph of its own.
  const signed = await signJson(
    payload,
    { privateKey: signer.ed25519.privateKey, keyId: signer.ed25519.keyId.href },
    now,
    { withContext: true },
  );
  const signature = decodeBase58(signed.proof.proofValue.slice(1));
  const ownKey = {
    get: async (keyId: URL) => (keyId.href === signer.ed25519.keyId.href ? signer.ed25519.multikey : undefined),
    set: async () => {},
  };
  const checked =
    signature &&
    (await verifyProof(
      signed,
      new DataIntegrityProof({
        cryptosuite: "eddsa-jcs-2022",
        verificationMethod: signer.ed25519.keyId,
        proofPurpose: "assertionMethod",
        proofValue: signature,
        created: Temporal.Instant.from(signed.proof.created),
      }),
      { keyCache: ownKey, documentLoader: refuseToLoad, contextLoader: refuseToLoad },
    ).catch(() => null));
  if (!checked) {
    logger.warning("the proof of activity {activityId} did not verify as Fedify reads it; it goes through Fedify", {
      activityId: payload.id,
    });
    return undefined;
  }
  return JSON.stringify(signed);
}

/** The check above has the key at hand: it must not fetch anything. */
const refuseToLoad = async (url: string): Promise<never> => {
  throw new Error(`nothing is fetched to check our own proof (asked for ${url})`);
};

/** The peer took it (2xx), or answered in a way only Fedify's full send handles (a redirect, 400, 401). */
export type PeerPostOutcome = { kind: "delivered"; status: number } | { kind: "use-fedify"; status: number };

const MAX_ERROR_BODY = 1024;

/**
 * Posts a signed body to a peer's inbox with an RFC 9421 signature (Fedify's signRequest, the
 * same as Fedify's first knock). Any other answer than 2xx, a redirect, 400 or 401 throws
 * Fedify's SendActivityError, as Fedify's send would; a network failure or the timeout throws too.
 */
export async function postToPeer(
  body: string,
  inbox: URL,
  signer: Signer,
  options: { timeoutMs: number },
): Promise<PeerPostOutcome> {
  const bytes = new TextEncoder().encode(body);
  const request = new Request(inbox, {
    method: "POST",
    headers: { "content-type": "application/activity+json" },
    body: bytes,
  });
  const signed = await signRequest(request, signer.rsa.privateKey, signer.rsa.keyId, {
    spec: "rfc9421",
    body: bytes.buffer,
  });
  const response = await fetch(signed, { redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs) });
  const { status } = response;
  if (response.ok || (status >= 300 && status < 400) || status === 400 || status === 401) {
    await response.body?.cancel();
    return response.ok ? { kind: "delivered", status } : { kind: "use-fedify", status };
  }
  const text = (await response.text().catch(() => "")).slice(0, MAX_ERROR_BODY);
  throw new SendActivityError(
    inbox,
    status,
    `Failed to send to ${inbox.href} (${status} ${response.statusText})`,
    text,
    response.headers,
  );
}

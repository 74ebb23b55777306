import { createFederation, generateCryptoKeyPair, MemoryKvStore, verifyObject } from "@fedify/fedify";
import { Activity, Create, Multikey, PUBLIC_COLLECTION } from "@fedify/vocab";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toArticle } from "../publications/article.ts";
import { type Signer, signForPeers } from "./peer-delivery.ts";

const origin = "https://europe.example";
const actorId = `${origin}/ap/actors/europe`;
const { contextLoader } = createFederation<void>({ kv: new MemoryKvStore() }).createContext(new URL(origin));

async function makeSigner(): Promise<Signer> {
  const rsa = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const ed25519 = await generateCryptoKeyPair("Ed25519");
  const keyId = new URL(`${actorId}#multikey-2`);
  return {
    rsa: { keyId: new URL(`${actorId}#main-key`), privateKey: rsa.privateKey },
    ed25519: {
      keyId,
      privateKey: ed25519.privateKey,
      multikey: new Multikey({ id: keyId, controller: new URL(actorId), publicKey: ed25519.publicKey }),
    },
  };
}

/** A Create of an article as the outbox stores it: Fedify's compact JSON-LD. */
async function storedCreate(title: string, body: string): Promise<Record<string, unknown>> {
  const article = toArticle(
    {
      objectId: `${origin}/ap/articles/0b9c7f8e-1111-4222-8333-444455556666`,
      url: `${origin}/publications/0b9c7f8e-1111-4222-8333-444455556666`,
      authorActorId: actorId,
      kind: "news",
      titles: { fr: title },
      bodies: { fr: body },
      language: "fr",
      publishedAt: new Date("2026-05-01T10:00:00Z"),
      updatedAt: new Date("2026-05-01T10:00:00Z"),
    },
    new URL(`${actorId}/followers`),
    new URL(origin),
  );
  const create = new Create({
    id: new URL(`${actorId}/activities/create/1`),
    actor: new URL(actorId),
    object: article,
    to: PUBLIC_COLLECTION,
  });
  return (await create.toJsonLd({ format: "compact", contextLoader })) as Record<string, unknown>;
}

/** How a receiving node checks it: Fedify's verifyObject, the actor's key served by its "actor document". */
async function verifiedByFedify(body: string, signer: Signer): Promise<Activity | null> {
  const multikey = await signer.ed25519.multikey.toJsonLd({ contextLoader });
  const documentLoader = async (url: string) => {
    if (url !== signer.ed25519.keyId.href) throw new Error(`unexpected fetch of ${url}`);
    return { contextUrl: null, documentUrl: url, document: multikey };
  };
  return verifyObject(Activity, JSON.parse(body), { documentLoader, contextLoader });
}

describe("signing an activity once for the peers", () => {
  it("adds an eddsa-jcs-2022 proof over the stored JSON that Fedify verifies, and nothing else", async () => {
    const signer = await makeSigner();
    const payload = await storedCreate("Rapport annuel", "Le texte.");
    const body = await signForPeers(payload, signer, new Date("2026-05-01T10:00:01.250Z"));
    if (body === undefined) throw new Error("not signed");
    const { proof, ...rest } = JSON.parse(body) as Record<string, unknown>;
    expect(rest).toEqual(payload);
    expect(proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: `${actorId}#multikey-2`,
      proofPurpose: "assertionMethod",
      created: "2026-05-01T10:00:01.25Z",
    });
    expect((await verifiedByFedify(body, signer))?.id?.href).toBe(`${actorId}/activities/create/1`);

    // Another key, or one changed word, and Fedify refuses it.
    expect(await verifiedByFedify(body, await makeSigner())).toBeNull();
    expect(await verifiedByFedify(body.replace("Le texte.", "Un autre texte."), signer)).toBeNull();
  });

  it("leaves an activity that already carries a signature to Fedify", async () => {
    const signer = await makeSigner();
    const payload = await storedCreate("Titre", "Texte");
    expect(
      await signForPeers({ ...payload, proof: { type: "DataIntegrityProof" } }, signer, new Date()),
    ).toBeUndefined();
    expect(
      await signForPeers({ ...payload, signature: { type: "RsaSignature2017" } }, signer, new Date()),
    ).toBeUndefined();
  });

  it("canonicalizes any text as Fedify does, so every proof verifies", async () => {
    const signer = await makeSigner();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
        fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
        async (title, text) => {
          const body = await signForPeers(await storedCreate(title, text), signer, new Date());
          expect(body).toBeDefined();
        },
      ),
      { numRuns: 40 },
    );
  });
});

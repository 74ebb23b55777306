import { preloadedContexts } from "@fedify/vocab-runtime";

/**
 * The contexts every fediverse server knows without fetching anything: ActivityStreams and the
 * security vocabularies. Any other context Fedify names (DID, the old identity context,
 * GoToSocial's terms) is served by the node itself, a copy of the very document Fedify preloads,
 * under /ap/contexts/<name>: the JSON-LD means the same, and it expands with no third party.
 */
export const KNOWN_CONTEXTS: ReadonlySet<string> = new Set([
  "https://www.w3.org/ns/activitystreams",
  "https://w3id.org/security/v1",
  "https://w3id.org/security/data-integrity/v1",
  "https://w3id.org/security/data-integrity/v2",
  "https://w3id.org/security/multikey/v1",
]);

/** The contexts a node serves itself, by name, and the URL each stands for. */
export const SERVED_CONTEXTS: Readonly<Record<string, string>> = {
  "did-v1": "https://www.w3.org/ns/did/v1",
  "identity-v1": "https://w3id.org/identity/v1",
  gotosocial: "https://gotosocial.org/ns",
};

const NAME_OF = new Map(Object.entries(SERVED_CONTEXTS).map(([name, url]) => [url, name]));

export const CONTEXTS_PATH = "/ap/contexts/";

/** The context document a node serves under /ap/contexts/<name>, or undefined. */
export function servedContext(name: string): unknown {
  const url = SERVED_CONTEXTS[name];
  return url === undefined ? undefined : preloadedContexts[url];
}

type Json = unknown;
const isRecord = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function rewriteContext(context: Json, origin: string): Json {
  if (typeof context === "string") {
    const name = NAME_OF.get(context);
    return name === undefined ? context : `${origin}${CONTEXTS_PATH}${name}`;
  }
  return Array.isArray(context) ? context.map((entry) => rewriteContext(entry, origin)) : context;
}

/**
 * The same JSON-LD with every context outside the known ones replaced by the node's own copy
 * (at any depth: a collection page embeds each activity with its context).
 */
export function withOwnContexts<T extends Json>(json: T, origin: string): T {
  if (Array.isArray(json)) return json.map((item) => withOwnContexts(item, origin)) as T;
  if (!isRecord(json)) return json;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(json))
    out[key] = key === "@context" ? rewriteContext(value, origin) : withOwnContexts(value, origin);
  return out as T;
}

const LANGUAGE_TERMS = ["content", "name", "summary"] as const;

/**
 * Language-tagged values in an order that survives JSON-LD. A language map (`contentMap`) is
 * an object, and JSON-LD processors (and PostgreSQL's jsonb) do not keep the order of its keys:
 * Fedify, reading a stored activity to send it, would put `en` before `fr`. The same values as an
 * array of value objects (`content: [{"@value": …}, {"@value": …, "@language": "fr"}, …]`) are
 * the same JSON-LD and keep their order everywhere, so this is how an activity is stored.
 */
export function toStoredForm<T extends Json>(json: T): T {
  if (Array.isArray(json)) return json.map(toStoredForm) as T;
  if (!isRecord(json)) return json;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(json)) {
    const term = LANGUAGE_TERMS.find((t) => key === t || key === `${t}Map`);
    if (term === undefined || !isRecord(json[`${term}Map`])) {
      out[key] = toStoredForm(value);
      continue;
    }
    if (term in out) continue;
    const plain = typeof json[term] === "string" ? [{ "@value": json[term] }] : [];
    const tagged = Object.entries(json[`${term}Map`] as Record<string, Json>)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([language, text]) => ({ "@value": text, "@language": language }));
    out[term] = [...plain, ...tagged];
  }
  return out as T;
}

/**
 * The stored form back to what fediverse software reads (`content` and `contentMap`, in the
 * stored order): how the outbox shows a stored activity.
 */
export function toReaderForm<T extends Json>(json: T): T {
  if (Array.isArray(json)) return json.map(toReaderForm) as T;
  if (!isRecord(json)) return json;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(json)) {
    const values = (LANGUAGE_TERMS as readonly string[]).includes(key) && Array.isArray(value) ? value : undefined;
    if (values === undefined || !values.every((v) => isRecord(v) && typeof v["@value"] === "string")) {
      out[key] = toReaderForm(value);
      continue;
    }
    const plain = values.find((v) => isRecord(v) && typeof v["@language"] !== "string") as
      | Record<string, string>
      | undefined;
    if (plain) out[key] = plain["@value"];
    const map: Record<string, string> = {};
    for (const v of values as Record<string, string>[]) {
      const language = v["@language"];
      if (typeof language === "string" && map[language] === undefined) map[language] = v["@value"] as string;
    }
    if (Object.keys(map).length > 0) out[`${key}Map`] = map;
  }
  return out as T;
}

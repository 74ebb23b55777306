import {
  isRegionCode,
  type Locale,
  type LocalizedText,
  pickLocalized,
  type RegionCode,
  type Tenant,
} from "@dynamo/core";
import type { Context } from "@fedify/fedify";
import { type Actor, Endpoints, Image, Organization, PropertyValue } from "@fedify/vocab";
import type { FederationContextData } from "./context-data.ts";
import { localizedValues, renderText } from "./vocab/public-text.ts";

/** Who an actor stands for: the tenant itself (a regional coordination or the hub), or a national platform. */
export type ActorRole = "coordination" | "hub" | "platform";

/** What the actor document says about an actor, in our terms; federation/ maps it to ActivityPub. */
export interface ActorProfile {
  identifier: string;
  role: ActorRole;
  names: LocalizedText;
  summaries?: LocalizedText;
  defaultLocale: Locale;
  /** A coordination's region. */
  regionCode?: RegionCode | null;
  /** Shown in fediverse directories and search (the admin's choice); true when unset. */
  discoverable?: boolean;
  /** The avatar fediverse servers show. */
  icon?: { url: URL; mediaType: string };
}

/**
 * What a network node's actor says it is, in its actor document: a property only our nodes
 * publish (an independent ActivityPub actor has no such property), so a hub can tell a regional
 * coordination from any other actor asking to peer, and a region its hub.
 */
const NETWORK_ROLE_FIELD = "dynamo-network";
const NETWORK_REGION_FIELD = "dynamo-region";
const ROLE_WORDS: Record<ActorRole, string> = {
  coordination: "regional-coordination",
  hub: "international-hub",
  platform: "national-platform",
};

/** What an actor document says it is in the network, or null for any other actor. */
export type NetworkRole = { role: "coordination"; regionCode: RegionCode } | { role: "hub" } | { role: "platform" };

/** Reads the network role an actor document states (see NETWORK_ROLE_FIELD); null when it states none. */
export async function networkRoleOf(actor: Actor): Promise<NetworkRole | null> {
  if (!(actor instanceof Organization)) return null;
  const fields = new Map<string, string>();
  for await (const attachment of actor.getAttachments({ crossOrigin: "ignore" })) {
    if (attachment instanceof PropertyValue && attachment.name !== null && attachment.value !== null)
      fields.set(String(attachment.name), String(attachment.value));
  }
  const role = fields.get(NETWORK_ROLE_FIELD);
  const region = fields.get(NETWORK_REGION_FIELD);
  if (role === ROLE_WORDS.hub) return { role: "hub" };
  if (role === ROLE_WORDS.platform) return { role: "platform" };
  if (role === ROLE_WORDS.coordination && isRegionCode(region)) return { role: "coordination", regionCode: region };
  return null;
}

/**
 * Finds the actor a tenant has under an identifier, or undefined. The default knows the
 * tenant's own actor; national platforms plug in by passing a finder that also knows them.
 */
export type FindActor = (tenant: Tenant, identifier: string) => Promise<ActorProfile | undefined>;

/** The tenant's own actor's identifier: its slug (so its handle is @slug@host). */
export const tenantActorIdentifier = (tenant: Tenant): string => tenant.slug;

export function tenantActorProfile(tenant: Tenant): ActorProfile {
  return {
    identifier: tenantActorIdentifier(tenant),
    role: tenant.kind === "hub" ? "hub" : "coordination",
    names: tenant.names,
    defaultLocale: tenant.defaultLocale,
    regionCode: tenant.regionCode,
  };
}

/** The default finder: the tenant's own Organization actor and nothing else. */
export const findTenantActor: FindActor = async (tenant, identifier) =>
  identifier === tenantActorIdentifier(tenant) ? tenantActorProfile(tenant) : undefined;

/** The actor's following collection, when the node registered one (the network layer does). */
function followingOf(ctx: Context<FederationContextData>, identifier: string): URL | null {
  try {
    return ctx.getFollowingUri(identifier);
  } catch {
    return null;
  }
}

/** The actor's outbox, when the node registered one (the network layer does). */
function outboxOf(ctx: Context<FederationContextData>, identifier: string): URL | null {
  try {
    return ctx.getOutboxUri(identifier);
  } catch {
    return null;
  }
}

/**
 * The actor document: an Organization with its inbox, followers, following and outbox, its keys,
 * its name, a summary in the tenant's language (and the others it has), its page, its logo, and
 * what it is in the network. Fediverse readers are accepted as followers without a request
 * (peering is another matter, decided by the admins).
 */
export async function buildActor(
  ctx: Context<FederationContextData>,
  profile: ActorProfile,
  tenantHome: URL,
): Promise<Organization> {
  const keys = await ctx.getActorKeyPairs(profile.identifier);
  const name = pickLocalized(profile.names, profile.defaultLocale) ?? profile.identifier;
  const fields = [new PropertyValue({ name: NETWORK_ROLE_FIELD, value: ROLE_WORDS[profile.role] })];
  if (profile.role === "coordination" && profile.regionCode)
    fields.push(new PropertyValue({ name: NETWORK_REGION_FIELD, value: profile.regionCode }));
  return new Organization({
    id: ctx.getActorUri(profile.identifier),
    preferredUsername: profile.identifier,
    name,
    summaries: localizedValues(profile.summaries ?? {}, profile.defaultLocale, renderText),
    url: tenantHome,
    ...(profile.icon ? { icon: new Image({ url: profile.icon.url, mediaType: profile.icon.mediaType }) } : {}),
    attachments: fields,
    inbox: ctx.getInboxUri(profile.identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    followers: ctx.getFollowersUri(profile.identifier),
    following: followingOf(ctx, profile.identifier),
    outbox: outboxOf(ctx, profile.identifier),
    manuallyApprovesFollowers: false,
    discoverable: profile.discoverable ?? true,
    // The RSA key signs HTTP requests (what peers such as Mastodon read as publicKey); every key,
    // Ed25519 included, is an assertion method for integrity proofs.
    publicKey: keys.find((key) => key.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5")?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
  });
}

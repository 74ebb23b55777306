import { type Locale, type LocalizedText, pickLocalized, type Tenant } from "@dynamo/core";
import type { Context } from "@fedify/fedify";
import { Endpoints, Organization } from "@fedify/vocab";
import type { FederationContextData } from "./context-data.ts";

/** Who an actor stands for: the tenant itself (a regional coordination or the hub), or a national platform. */
export type ActorRole = "coordination" | "hub" | "platform";

/** What the actor document says about an actor, in our terms; federation/ maps it to ActivityPub. */
export interface ActorProfile {
  identifier: string;
  role: ActorRole;
  names: LocalizedText;
  summaries?: LocalizedText;
  defaultLocale: Locale;
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
  };
}

/** The default finder: the tenant's own Organization actor and nothing else. */
export const findTenantActor: FindActor = async (tenant, identifier) =>
  identifier === tenantActorIdentifier(tenant) ? tenantActorProfile(tenant) : undefined;

/** The actor's outbox, when the node registered one (the network layer does). */
function outboxOf(ctx: Context<FederationContextData>, identifier: string): URL | null {
  try {
    return ctx.getOutboxUri(identifier);
  } catch {
    return null;
  }
}

/** The actor document: an Organization with its inbox, followers, keys and names in each language. */
export async function buildActor(
  ctx: Context<FederationContextData>,
  profile: ActorProfile,
  tenantHome: URL,
): Promise<Organization> {
  const keys = await ctx.getActorKeyPairs(profile.identifier);
  const name = pickLocalized(profile.names, profile.defaultLocale) ?? profile.identifier;
  const summary = profile.summaries && pickLocalized(profile.summaries, profile.defaultLocale);
  return new Organization({
    id: ctx.getActorUri(profile.identifier),
    preferredUsername: profile.identifier,
    name,
    ...(summary ? { summary } : {}),
    url: tenantHome,
    inbox: ctx.getInboxUri(profile.identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    followers: ctx.getFollowersUri(profile.identifier),
    outbox: outboxOf(ctx, profile.identifier),
    manuallyApprovesFollowers: true,
    discoverable: true,
    // The RSA key signs HTTP requests (what peers such as Mastodon read as publicKey); every key,
    // Ed25519 included, is an assertion method for integrity proofs.
    publicKey: keys.find((key) => key.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5")?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
  });
}

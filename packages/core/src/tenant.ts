import type { Locale, LocalizedText } from "./locale.ts";

export type Brand<T, B extends string> = T & { readonly __brand: B };

/** The four autonomous regional coordinations. */
export const REGION_CODES = ["AF", "AM", "AS", "EU"] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export function isRegionCode(value: unknown): value is RegionCode {
  return typeof value === "string" && (REGION_CODES as readonly string[]).includes(value);
}

export type TenantId = Brand<string, "TenantId">;
export type TenantKind = "region" | "hub";

/** A regional coordination or the international hub, served by a node. */
export interface Tenant {
  id: TenantId;
  slug: string;
  kind: TenantKind;
  /** Set for a region, null for the hub. */
  regionCode: RegionCode | null;
  names: LocalizedText;
  defaultLocale: Locale;
  hosts: string[];
  createdAt: Date;
}

export interface NewTenant {
  slug: string;
  kind: TenantKind;
  regionCode: RegionCode | null;
  names: LocalizedText;
  defaultLocale: Locale;
  hosts: string[];
}

/** The names each region is known by, used when a node creates a tenant with no names given. */
export const REGION_NAMES: Record<RegionCode, Required<LocalizedText>> = {
  AF: { fr: "Coordination Afrique", en: "Africa coordination", es: "Coordinación África", pt: "Coordenação África" },
  AM: {
    fr: "Coordination des Amériques",
    en: "Americas coordination",
    es: "Coordinación de las Américas",
    pt: "Coordenação das Américas",
  },
  AS: { fr: "Coordination Asie", en: "Asia coordination", es: "Coordinación Asia", pt: "Coordenação Ásia" },
  EU: { fr: "Coordination Europe", en: "Europe coordination", es: "Coordinación Europa", pt: "Coordenação Europa" },
};

export const HUB_NAMES: Required<LocalizedText> = {
  fr: "Dynamo International – Réseau international",
  en: "Dynamo International – international hub",
  es: "Dynamo International – nodo internacional",
  pt: "Dynamo International – nó internacional",
};

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const HOST = /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/;

export type TenantProblem =
  | { kind: "invalid-slug"; slug: string }
  | { kind: "invalid-host"; host: string }
  | { kind: "no-host" }
  | { kind: "region-code-required" }
  | { kind: "hub-has-no-region" }
  | { kind: "no-name" };

/** Checks a new tenant's own shape; uniqueness is the repository's to enforce. */
export function validateNewTenant(input: NewTenant): TenantProblem[] {
  const problems: TenantProblem[] = [];
  if (!SLUG.test(input.slug)) problems.push({ kind: "invalid-slug", slug: input.slug });
  if (input.hosts.length === 0) problems.push({ kind: "no-host" });
  for (const host of input.hosts) {
    if (!HOST.test(normalizeHost(host))) problems.push({ kind: "invalid-host", host });
  }
  if (input.kind === "region" && input.regionCode === null) problems.push({ kind: "region-code-required" });
  if (input.kind === "hub" && input.regionCode !== null) problems.push({ kind: "hub-has-no-region" });
  if (!Object.values(input.names).some((name) => name && name.trim() !== "")) problems.push({ kind: "no-name" });
  return problems;
}

/** Host names compare lower-case, without a trailing dot. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "").replace(/\.:/, ":");
}

/** The host header without its port, for a match on the bare name. */
export function hostWithoutPort(host: string): string {
  const normalized = normalizeHost(host);
  if (normalized.startsWith("[")) return normalized.replace(/^(\[[^\]]*\])(?::\d+)?$/, "$1");
  return normalized.replace(/:\d+$/, "");
}

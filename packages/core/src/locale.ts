/** The four languages of the network, in the order they are offered. */
export const LOCALES = ["fr", "en", "es", "pt"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A text given in one or more of the network's languages. */
export type LocalizedText = Partial<Record<Locale, string>>;

/**
 * Picks the best text for a reader: their locale, then the fallbacks in order, then any
 * language the text has. Returns undefined only for an empty text.
 */
export function pickLocalized(
  text: LocalizedText,
  locale: Locale,
  fallbacks: readonly Locale[] = [DEFAULT_LOCALE],
): string | undefined {
  for (const candidate of [locale, ...fallbacks]) {
    const value = text[candidate];
    if (value) return value;
  }
  for (const candidate of LOCALES) {
    const value = text[candidate];
    if (value) return value;
  }
  return undefined;
}

/**
 * Chooses the locale for a visitor: an explicit choice (cookie) wins when it is one of ours;
 * otherwise the Accept-Language header is read by quality; otherwise the tenant's default.
 */
export function negotiateLocale(input: {
  choice?: string | undefined;
  acceptLanguage?: string | undefined;
  fallback?: Locale;
}): Locale {
  if (isLocale(input.choice)) return input.choice;
  for (const tag of parseAcceptLanguage(input.acceptLanguage ?? "")) {
    const primary = tag.split("-")[0]?.toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return input.fallback ?? DEFAULT_LOCALE;
}

/** Language tags of an Accept-Language header, best first; q=0 entries are dropped. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number.parseFloat(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

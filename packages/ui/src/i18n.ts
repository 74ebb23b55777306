import { LOCALES, type Locale } from "@dynamo/core";
import type { common } from "./messages.ts";

/**
 * Every message key of the node. The kernel's catalog is here; each area adds its keys by
 * declaration merging next to its own catalog, so a page naming a key no catalog has does not
 * compile, and the node merges the catalogs it is assembled from at start:
 *
 *     declare module "@dynamo/ui" { interface MessageRegistry extends MessagesOf<typeof messages> {} }
 */
export interface MessageRegistry extends MessagesOf<typeof common> {}
export type MessageKey = Extract<keyof MessageRegistry, string>;

/** One area's messages in the four languages (see defineMessages). */
export type CatalogSet = Record<Locale, Record<string, string>>;
/** The keys of a catalog, for its declaration merging into MessageRegistry. */
export type MessagesOf<C> = C extends { en: Record<infer K extends string, string> } ? Record<K, string> : never;

export type MessageParams = Record<string, string | number>;
/**
 * A message told in plural forms: the catalogs give `<key>.one`, `<key>.other` (and any other
 * CLDR category a language needs, such as `<key>.many`); `plural(key, count)` picks by
 * Intl.PluralRules, falling back to `<key>.other`.
 */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];
export type Translator = ((key: MessageKey, params?: MessageParams) => string) & {
  locale: Locale;
  /** Whether the catalogs have this key (a problem's optional detail). */
  has(key: string): key is MessageKey;
  /** The plural form of `key` for `count` in this language, `{count}` set to the number (see PluralKey). */
  plural(key: PluralKey, count: number, params?: MessageParams): string;
};

/** Puts catalogs together, one per area; a key two catalogs define is a bug and throws. */
export function mergeCatalogs(sets: readonly CatalogSet[]): CatalogSet {
  const merged = Object.fromEntries(LOCALES.map((locale) => [locale, {} as Record<string, string>])) as CatalogSet;
  for (const set of sets) {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(set[locale])) {
        if (Object.hasOwn(merged[locale], key)) throw new Error(`message ${key} is defined twice`);
        merged[locale][key] = text;
      }
    }
  }
  return merged;
}

/**
 * A translator for one locale over the given catalogs. Catalogs are plain typed objects: the
 * compiler checks that each language has every key, so a missing translation fails the
 * typecheck, not a reader. A key missing at run time (a catalog not assembled) shows as itself.
 */
export function createTranslator(catalogs: CatalogSet, locale: Locale): Translator {
  // Made once per catalogs and locale, then shared: a translator holds nothing of a request, and
  // making one (its Intl.PluralRules above all) on every page was a tenth of a page's own work.
  let made = translators.get(catalogs);
  if (made === undefined) {
    made = new Map();
    translators.set(catalogs, made);
  }
  let translator = made.get(locale);
  if (translator === undefined) {
    translator = makeTranslator(catalogs, locale);
    made.set(locale, translator);
  }
  return translator;
}

const translators = new WeakMap<CatalogSet, Map<Locale, Translator>>();

function makeTranslator(catalogs: CatalogSet, locale: Locale): Translator {
  const catalog = catalogs[locale];
  const t = (key: MessageKey, params?: MessageParams) => {
    const template = catalog[key] ?? key;
    if (params === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
  const has = (key: string): key is MessageKey => Object.hasOwn(catalog, key);
  const rules = new Intl.PluralRules(locale);
  const plural = (key: PluralKey, count: number, params?: MessageParams) => {
    const form = `${key}.${rules.select(count)}`;
    return t(has(form) ? form : (`${key}.other` as MessageKey), { count, ...params });
  };
  return Object.assign(t, { locale, has, plural });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * What is wrong with a catalog, if anything: a key missing in a language, an empty text, or a
 * translation whose placeholders differ from the English ones. Each area's tests ask it of their catalog.
 */
export function catalogProblems(set: CatalogSet): string[] {
  const problems: string[] = [];
  const keys = Object.keys(set.en);
  for (const locale of LOCALES) {
    const catalog = set[locale];
    for (const key of keys) {
      const text = catalog[key];
      if (text === undefined) problems.push(`${locale}: ${key} is missing`);
      else if (text.trim() === "") problems.push(`${locale}: ${key} is empty`);
      else if (placeholders(text).join() !== placeholders(set.en[key] ?? "").join())
        problems.push(`${locale}: ${key} has other placeholders than in English`);
    }
    for (const key of Object.keys(catalog))
      if (!Object.hasOwn(set.en, key)) problems.push(`${locale}: ${key} is not in English`);
  }
  return problems;
}

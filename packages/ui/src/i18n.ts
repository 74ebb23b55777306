import type { Locale } from "@dynamo/domain";
import { type Catalog, catalogs, type MessageKey } from "./catalogs/index.ts";

export type { Catalog, MessageKey };
export { catalogs };

export type MessageParams = Record<string, string | number>;
export type Translator = ((key: MessageKey, params?: MessageParams) => string) & { locale: Locale };

/**
 * A translator for one locale. Catalogs are plain typed objects: the compiler checks that
 * each language has every key, so a missing translation fails the typecheck, not a user.
 */
export function createTranslator(locale: Locale): Translator {
  const catalog = catalogs[locale];
  const t = (key: MessageKey, params?: MessageParams) => {
    const template = catalog[key];
    if (params === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
  return Object.assign(t, { locale });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogs.en, key);
}

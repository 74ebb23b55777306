import type { Locale } from "@dynamo/core";

/**
 * One feature area's messages in the four languages. The English entry fixes the keys; the
 * compiler then requires exactly those keys in French, Spanish and Portuguese.
 */
export function defineMessages<const K extends string>(messages: {
  en: Record<K, string>;
  fr: NoInfer<Record<K, string>>;
  es: NoInfer<Record<K, string>>;
  pt: NoInfer<Record<K, string>>;
}): Record<Locale, Record<K, string>> {
  return messages;
}

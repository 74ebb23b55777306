/**
 * Intl formatters, made once per locale and options (time zone included) and kept. Making an
 * `Intl.DateTimeFormat` costs tens of times more than using one, and each holds memory outside
 * the JavaScript heap: a page that made one per date shown was slow and grew the process. The
 * cache is bounded (the locales are few, but a time zone comes from a person's settings), the
 * oldest entry leaving first.
 */
const LIMIT = 1000;

function cached<F, O extends object>(make: (locale: string, options: O) => F) {
  const kept = new Map<string, F>();
  return (locale: string, options: O): F => {
    const key = `${locale}\u0000${JSON.stringify(options)}`;
    let formatter = kept.get(key);
    if (formatter === undefined) {
      formatter = make(locale, options);
      if (kept.size >= LIMIT) kept.delete(kept.keys().next().value as string);
      kept.set(key, formatter);
    }
    return formatter;
  };
}

/** A kept `Intl.DateTimeFormat` for this locale and these options. */
export const dateTimeFormat = cached(
  (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);

/** A kept `Intl.NumberFormat` for this locale and these options. */
export const numberFormat = cached(
  (locale: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
);

/** A kept `Intl.DisplayNames` for this locale and these options. */
export const displayNames = cached(
  (locale: string, options: Intl.DisplayNamesOptions) => new Intl.DisplayNames([locale], options),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails compare trimmed and in lower case; returns null for something that is not an address. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

export function cleanDisplayName(input: string): string | null {
  const name = input.trim().replace(/\s+/g, " ");
  return name.length >= 1 && name.length <= 120 ? name : null;
}

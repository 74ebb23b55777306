export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Passwords of twelve characters or more that appear at the top of public breach lists, in
 * lower case. Shorter ones are refused by length already.
 */
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456789123",
  "1234567890qwerty",
  "qwertyuiop12",
  "qwertyuiop123",
  "qwertyuiopasdfgh",
  "qwerty123456",
  "qwerty1234567",
  "1q2w3e4r5t6y",
  "1q2w3e4r5t6y7u",
  "1qaz2wsx3edc",
  "1qaz2wsx3edc4rfv",
  "zaq12wsxcde3",
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "password1234!",
  "p@ssw0rd1234",
  "p@ssword1234",
  "passw0rd1234",
  "motdepasse123",
  "motdepasse1234",
  "contraseña123",
  "contrasena123",
  "contrasena1234",
  "senha1234567",
  "senhasenha12",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "welcome123456",
  "administrator",
  "administrator1",
  "administrateur",
  "changeme1234",
  "trustno11234",
  "football1234",
  "baseball1234",
  "starwars1234",
  "princess1234",
  "sunshine1234",
  "superman1234",
  "dragon123456",
  "monkey123456",
  "abcdefghijkl",
  "abcdefghijklm",
  "abcd12345678",
  "abc123456789",
  "aaaaaaaaaaaa",
  "azertyuiop12",
  "azertyuiop123",
  "azerty123456",
  "azertyuiopqsdf",
  "streetworker",
  "streetworkers",
  "dynamonetwork",
  "dynamo123456",
]);

export type PasswordProblem =
  | { kind: "too-short"; min: number }
  | { kind: "too-long"; max: number }
  | { kind: "too-common" }
  | { kind: "contains-email" };

/**
 * The minimum strength: at least twelve characters, not a well-known password, not one
 * character or a run repeated, and not the person's own email address.
 */
export function checkPasswordStrength(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return { kind: "too-short", min: MIN_PASSWORD_LENGTH };
  if (length > MAX_PASSWORD_LENGTH) return { kind: "too-long", max: MAX_PASSWORD_LENGTH };
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isRepetitive(lower) || isSequence(lower)) return { kind: "too-common" };
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (context.email && (lower.includes(context.email.toLowerCase()) || (local && local.length >= 4 && lower === local)))
    return { kind: "contains-email" };
  return null;
}

/** "abcabcabcabc", "aaaaaaaaaaaa": a short unit repeated to fill the length. */
function isRepetitive(text: string): boolean {
  for (let unit = 1; unit <= 4; unit++) {
    const head = text.slice(0, unit);
    if (head.repeat(Math.ceil(text.length / unit)).slice(0, text.length) === text) return true;
  }
  return false;
}

/** "123456789012…", "abcdefghijkl", "987654321098": consecutive characters up or down. */
function isSequence(text: string): boolean {
  const codes = [...text].map((ch) => ch.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (Math.abs(step) !== 1) return false;
  return codes.every((code, i) => {
    if (i === 0) return true;
    const delta = code - (codes[i - 1] ?? 0);
    // Digits wrap: 9 → 0 and 0 → 9 continue a run.
    return delta === step || (step === 1 && delta === -9) || (step === -1 && delta === 9);
  });
}

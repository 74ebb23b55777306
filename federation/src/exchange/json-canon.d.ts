declare module "json-canon" {
  /** RFC 8785 (JCS) canonical JSON: what Fedify's integrity proofs hash. */
  export default function serialize(value: unknown): string;
}

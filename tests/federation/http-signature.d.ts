// The part of Joyent's http-signature (the reference draft-cavage implementation) these tests
// use. Its published types declare a client request where the library reads a server's
// incoming one, so they are replaced by this.
declare module "http-signature" {
  import type { IncomingMessage } from "node:http";

  export interface ParsedSignature {
    scheme: string;
    keyId: string;
    algorithm: string;
    params: { keyId: string; algorithm: string; headers: string[]; signature: string };
    signingString: string;
  }
  export function parseRequest(
    request: IncomingMessage,
    options?: { clockSkew?: number; headers?: string[] },
  ): ParsedSignature;
  export function verifySignature(parsed: ParsedSignature, publicKeyPem: string): boolean;
  const httpSignature: { parseRequest: typeof parseRequest; verifySignature: typeof verifySignature };
  export default httpSignature;
}

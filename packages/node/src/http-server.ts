import { createServer, type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { getRequestListener } from "@hono/node-server";

/**
 * What the node answers to a request its app never sees, each as an RFC 9457 problem: Node's
 * HTTP parser refuses a URL or headers too long (431), a request that is not HTTP or a header
 * with a character HTTP forbids (400), one too slow to arrive (408); the adapter refuses a Host
 * that is not a host name (400). No tenant or locale is known yet: the title is in English.
 */
const EARLY_PROBLEMS = {
  400: { kind: "bad-request", title: "The request is not valid HTTP, or its Host is not a host name" },
  408: { kind: "request-timeout", title: "The request did not arrive in time" },
  431: { kind: "headers-too-large", title: "The URL or the request's headers are too long" },
  500: { kind: "internal", title: "Something went wrong on the node" },
} as const;
type EarlyStatus = keyof typeof EARLY_PROBLEMS;

export function earlyProblem(status: EarlyStatus): { body: string; headers: Record<string, string> } {
  const { kind, title } = EARLY_PROBLEMS[status];
  return {
    body: JSON.stringify({ type: `urn:dynamo:problem:${kind}`, title, status }),
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" },
  };
}

function statusOfParserError(code: string | undefined): EarlyStatus {
  if (code === "HPE_HEADER_OVERFLOW") return 431;
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  return 400;
}

/** Answers on the raw socket what Node's parser refused (it would answer with an empty body). */
function answerClientError(error: NodeJS.ErrnoException & { bytesParsed?: number }, socket: Duplex) {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = statusOfParserError(error.code);
  const { body, headers } = earlyProblem(status);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * The node's HTTP server (not yet listening): the app behind @hono/node-server's request
 * listener, with every answer given outside the app a problem too.
 */
export function createNodeServer(
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
  options: { hostname?: string } = {},
): Server {
  const listener = getRequestListener(fetch, {
    ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
    errorHandler: (error) => {
      const status = error instanceof Error && error.name === "RequestError" ? 400 : 500;
      const { body, headers } = earlyProblem(status);
      return new Response(body, { status, headers });
    },
  });
  const server = createServer(listener);
  server.on("clientError", answerClientError);
  return server;
}

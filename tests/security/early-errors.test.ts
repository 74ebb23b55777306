import { connect } from "node:net";
import { createNodeServer } from "@dynamo/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestNode, type PreparedTestNode, prepareTestNode } from "../support/test-node.ts";

/**
 * Errors the node answers before or beside its routes are problems too: what Node's HTTP parser
 * refuses (a URL or headers too long, a broken request), a Host that is not a host name, and the
 * federation routes' refusals. Sent as raw HTTP: fetch cannot send a bad Host.
 */
const ADDRESS = "127.0.0.1";
let node: PreparedTestNode;
let close: () => Promise<void>;
let port: number;

/** Sends raw bytes, reads the whole answer (the server closes or answers with Content-Length). */
function raw(request: string): Promise<{ status: number; headers: Map<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, ADDRESS);
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      data += chunk;
      const end = data.indexOf("\r\n\r\n");
      if (end === -1) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(data.slice(0, end))?.[1];
      if (length !== undefined && Buffer.byteLength(data.slice(end + 4)) >= Number(length)) socket.end();
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const end = data.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = data.slice(0, end).split("\r\n");
      const headers = new Map(
        lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: data.slice(end + 4) });
    });
    socket.write(request);
  });
}

beforeAll(async () => {
  node = await prepareTestNode({ slug: "europe", kind: "region", regionCode: "EU", address: ADDRESS });
  port = node.port;
  const built = buildTestNode(node, "region");
  const server = createNodeServer(built.app.fetch, { hostname: ADDRESS }).listen(port, ADDRESS);
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await node?.database.close();
});

describe("errors outside the routes", () => {
  it("answers a URL too long for the server with a 431 problem", async () => {
    const answer = await raw(`GET /api/me?q=${"x".repeat(20_000)} HTTP/1.1\r\nHost: ${ADDRESS}:${port}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(answer.body)).toMatchObject({ type: "urn:dynamo:problem:headers-too-large", status: 431 });
  });

  it("answers headers too long with a 431 problem", async () => {
    const answer = await raw(`GET / HTTP/1.1\r\nHost: ${ADDRESS}:${port}\r\nX-Big: ${"y".repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431 });
  });

  it("answers a Host that is not a host name with a 400 problem", async () => {
    for (const host of ["evil.example/x", "a@b", "[::1"]) {
      const answer = await raw(`GET /api/me HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(answer.status, host).toBe(400);
      expect(answer.headers.get("content-type"), host).toBe("application/problem+json");
      expect(JSON.parse(answer.body), host).toMatchObject({ type: "urn:dynamo:problem:bad-request", status: 400 });
    }
  });

  it("answers a request that is not HTTP with a 400 problem", async () => {
    const answer = await raw("NOT HTTP AT ALL\r\n\r\n");
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers the inbox's refusals with problems naming the reason", async () => {
    const base = `http://${ADDRESS}:${port}`;
    const malformed = await fetch(`${base}/ap/inbox`, {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/problem+json");
    expect(await malformed.json()).toMatchObject({ status: 400, reason: "malformed" });

    const unsigned = await fetch(`${base}/ap/inbox`, {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify({
        id: "https://stranger.example/activities/1",
        type: "Create",
        actor: "https://stranger.example/actor",
        object: { id: "https://stranger.example/notes/1", type: "Note" },
      }),
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get("content-type")).toBe("application/problem+json");
    expect(await unsigned.json()).toMatchObject({ status: 401, reason: "unsigned" });
  });

  it("still serves a good request", async () => {
    const health = await fetch(`http://${ADDRESS}:${port}/healthz`);
    expect(health.status).toBe(200);
  });
});

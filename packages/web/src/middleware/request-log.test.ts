import { configure, type LogRecord, reset } from "@logtape/logtape";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { NodeEnv } from "../env.ts";
import { requestLog } from "./request-log.ts";

afterEach(() => reset());

describe("requestLog", () => {
  it("logs one line per request, at a level an admin can filter on", async () => {
    const records: LogRecord[] = [];
    await configure({
      reset: true,
      sinks: { memory: (record) => records.push(record) },
      loggers: [
        { category: ["dynamo"], lowestLevel: "debug", sinks: ["memory"] },
        { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["memory"] },
      ],
    });
    const app = new Hono<NodeEnv>()
      .use(requestLog)
      .get("/ok", (c) => c.text("ok"))
      .get("/later", (c) => c.json({ error: "peering-pending" }, 503, { "retry-after": "5" }))
      .get("/down", (c) => c.json({ error: "down" }, 503))
      .get("/broken", () => {
        throw new Error("bug");
      })
      .onError((_error, c) => c.text("internal error", 500));
    for (const path of ["/ok", "/later", "/down", "/broken"]) await app.request(path);
    const lines = records.map((r) => [r.level, r.properties.path, r.properties.status]);
    expect(lines).toEqual([
      ["info", "/ok", 200],
      ["warning", "/later", 503],
      ["error", "/down", 503],
      ["error", "/broken", 500],
    ]);
  });
});

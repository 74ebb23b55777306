// The reference of the page benchmark: Hono's hello-world on @hono/node-server, plain node, no
// TypeScript loader. Listens on HOST:PORT and prints "listening" once it does.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.text("Hello Hono!"));
serve({ fetch: app.fetch, hostname: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT) }, () =>
  console.log("listening"),
);
process.on("SIGTERM", () => process.exit(0));

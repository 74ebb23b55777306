import { assembleNode, bootNode, closeOnSignal } from "@dynamo/node-kit";
import { serve } from "@hono/node-server";
import { getLogger } from "@logtape/logtape";
import { createApp } from "./app.ts";

// The only impure entry point of the hub: reads the environment, starts the workers, listens.
const booted = await bootNode({ env: process.env, kind: "hub", defaults: { port: 3100 } });
if (!booted.ok) {
  console.error(booted.message);
  process.exit(1);
}
const { node } = booted;
const { app, startWorkers } = assembleNode(node, "hub", {
  createApp,
  chromiumPath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
});
const stopWorkers = startWorkers();
const server = serve({ fetch: app.fetch, port: node.config.port, hostname: node.config.host }, (info) => {
  getLogger(["dynamo", "node"]).info("hub listening on http://{address}:{port}, public URL {publicUrl}", {
    address: info.address,
    port: info.port,
    publicUrl: node.config.publicUrl,
  });
});
closeOnSignal(server, node, process, stopWorkers);

import { areas } from "@dynamo/areas";
import { runNode } from "@dynamo/node";

// The only impure entry point of the international hub: its process, its environment.
await runNode({ proc: process, kind: "hub", defaults: { port: 3100 }, areas });

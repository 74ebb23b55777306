import { areas } from "@dynamo/areas";
import { runNode } from "@dynamo/node";

// The only impure entry point of the regional node: its process, its environment.
await runNode({ proc: process, kind: "region", defaults: { port: 3000 }, areas });

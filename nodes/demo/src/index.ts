export { login, representatives, runBallotDemo, until } from "./ballot-demo.ts";
export { bootstrapNode } from "./bootstrap.ts";
export { type DemoNode, demoNodeEnv, planDemoNetwork } from "./network.ts";
export { waitForHealthy } from "./network-file.ts";
export { seedNetwork } from "./seed.ts";

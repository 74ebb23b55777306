export { type DemoNode, demoNodeEnv, planDemoNetwork } from "./network.ts";

export * from "./ballots/index.ts";
export * from "./identity/index.ts";
export * from "./locale.ts";
export * from "./network/index.ts";
export * from "./reports/index.ts";
export * from "./result.ts";
export * from "./tenant.ts";

export * from "./ballots.ts";
export * from "./federation.ts";
export * from "./identity.ts";
export * from "./mail.ts";
export * from "./network.ts";
export * from "./reports.ts";
export * from "./tenants.ts";

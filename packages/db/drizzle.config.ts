import { defineConfig } from "drizzle-kit";

// One migration stream for the whole database, generated from every schema file: the kernel's
// (tenants), federation's, and each area's own `src/db/schema.ts` (a new area is found here
// without any edit).
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/schema.ts", "../../federation/src/db/*schema.ts", "../*/src/db/*schema.ts"],
  out: "./migrations",
});

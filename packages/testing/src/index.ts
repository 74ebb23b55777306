export { createPostgresDatabase, createTestDatabase, type TestDatabase, testDriver } from "./database.ts";
export { createMemorySink } from "./logs.ts";
export { freePort, type NodeProcess, PROCESS_TEST_TIMEOUT_MS, REPO_ROOT, startProcess } from "./process.ts";
export { waitFor } from "./wait.ts";

import { configure, getConfig, type LogRecord } from "@logtape/logtape";
import { afterAll, afterEach } from "vitest";

/** The benchmarks start nodes with the same helpers, outside vitest: nothing is kept there. */
const underVitest = process.env.VITEST !== undefined;
/** How many of the latest log lines are kept. */
const KEEP = 400;
const recent: string[] = [];

function lineOf(record: LogRecord): string {
  const message = record.message.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join("");
  return `${new Date(record.timestamp).toISOString()} ${record.level} ${record.category.join(".")} ${message}`;
}

function printRecent(what: string): void {
  if (recent.length === 0) return;
  console.error(`the nodes' last ${recent.length} log lines before ${what} failed:\n${recent.join("\n")}`);
}

/**
 * The nodes of a cross-node test log in memory (ours from info up, Fedify's warnings), and the
 * latest lines are printed when a test, or a file's setup, fails: a CI log then says why a wait
 * across nodes timed out. A file that configures logging itself keeps its own configuration.
 */
export async function keepRecentNodeLogs(): Promise<void> {
  if (!underVitest || getConfig() !== null) return;
  await configure({
    sinks: {
      recent: (record) => {
        recent.push(lineOf(record));
        if (recent.length > KEEP) recent.shift();
      },
    },
    loggers: [
      { category: ["dynamo"], lowestLevel: "info", sinks: ["recent"] },
      { category: ["fedify"], lowestLevel: "warning", sinks: ["recent"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["recent"] },
    ],
  });
}

if (underVitest) {
  afterEach(({ task }) => {
    if (task.result?.state === "fail") printRecent(`"${task.name}"`);
  });
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a hook's first argument as its fixtures, and wants a pattern
  afterAll(({}, suite) => {
    if (suite.result?.state === "fail" && suite.tasks.every((t) => t.result?.state !== "fail"))
      printRecent("the setup");
  });
}

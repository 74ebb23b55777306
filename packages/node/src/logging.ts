import { AsyncLocalStorage } from "node:async_hooks";
import type { LogLevel } from "@dynamo/config";
import { configure, getConsoleSink, getTextFormatter, jsonLinesFormatter, type Sink } from "@logtape/logtape";

/**
 * Structured logs for a node process: JSON lines on stdout in production (for a log shipper),
 * readable text otherwise. Our categories live under "dynamo"; Fedify logs under "fedify", with
 * the context it sets per request and per queued message (hence the context-local storage).
 */
export async function configureLogging(options: { level: LogLevel; json: boolean; sink?: Sink }): Promise<void> {
  const sink = options.sink ?? getConsoleSink({ formatter: options.json ? jsonLinesFormatter : getTextFormatter() });
  await configure({
    reset: true,
    contextLocalStorage: new AsyncLocalStorage(),
    sinks: { main: sink },
    loggers: [
      { category: ["dynamo"], lowestLevel: options.level, sinks: ["main"] },
      {
        category: ["fedify"],
        lowestLevel: options.level === "debug" || options.level === "trace" ? options.level : "info",
        sinks: ["main"],
      },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["main"] },
    ],
  });
}

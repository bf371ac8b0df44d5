// What the app logs, for the duration of a test: the app's logger is silent in tests, so this routes every
// loggerFor(...) child made after the call to a sink at `level` (a keptLoggerFor(...) child is made again on its
// next line, since the factory is no longer the one that made it). Undo with vi.restoreAllMocks().
import { Writable } from "node:stream";
import pino from "pino";
import { vi } from "vitest";
import { logger } from "~/logger.server";

export function captureLogs(level: pino.LevelWithSilent = "info"): { lines: Record<string, unknown>[] } {
  const captured = { lines: [] as Record<string, unknown>[] };
  const sink = pino(
    { level },
    new Writable({
      write(chunk, _encoding, done) {
        captured.lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  vi.spyOn(logger, "child").mockImplementation(((bindings: pino.Bindings) =>
    sink.child(bindings)) as typeof logger.child);
  return captured;
}

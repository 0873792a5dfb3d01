import type { DestinationStream } from 'pino';

export type LogLine = Record<string, unknown> & { service?: string; msg?: string; requestId?: string };

/** A pino destination keeping every line, raw (what would reach the log store) and parsed. */
export class LogCapture implements DestinationStream {
  readonly raw: string[] = [];
  readonly lines: LogLine[] = [];

  write(chunk: string): void {
    for (const line of chunk.split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as LogLine);
    }
  }

  text(): string {
    return this.raw.join('\n');
  }

  /** Index of the first line matching, or -1. */
  indexOf(predicate: (line: LogLine) => boolean): number {
    return this.lines.findIndex(predicate);
  }
}

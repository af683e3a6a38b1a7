// One log of every request an emulated service answered, for tests, benchmarks and the demo summary.
export interface RequestLogEntry {
  service: string; // 'jira' | 'confluence' | 'google-ads' | ...
  method: string;
  path: string; // without the query string
  /** The spec's operationId, or a route name for non-Atlassian services. */
  operation?: string;
  status: number;
  principal: string;
  durationMs: number;
  fault?: string;
  /** Validation problems found against the official spec (request or response). Empty when valid. */
  specViolations?: string[];
  at: number;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private listeners: Array<(e: RequestLogEntry) => void> = [];
  constructor(private readonly max = 200_000) {}

  add(entry: RequestLogEntry): void {
    if (this.entries.length >= this.max) this.entries.splice(0, Math.floor(this.max / 10));
    this.entries.push(entry);
    for (const l of this.listeners) l(entry);
  }

  onEntry(listener: (e: RequestLogEntry) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Calls grouped as "METHOD operation" (or path), with counts, for summaries. */
  countBy(filter: (e: RequestLogEntry) => boolean = () => true): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) {
      if (!filter(e)) continue;
      const k = `${e.service} ${e.method} ${e.operation ?? e.path}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  }

  violations(): RequestLogEntry[] {
    return this.entries.filter((e) => (e.specViolations?.length ?? 0) > 0);
  }
}

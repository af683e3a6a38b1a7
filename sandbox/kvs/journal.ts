// Append-only JSONL journal for the KVS emulator. Writes are buffered in memory and appended by
// one asynchronous writer (never a sync fs call per operation); `flush()` waits for the disk.
// Replay on open tolerates a torn or garbled line (crash mid-append) and then rewrites the file.
// A transaction is one line, so a torn transaction is dropped whole: all-or-nothing on disk too.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** A journal record: `set` carries the value's JSON as parsed data, `del` removes, `tx` groups. */
export type JournalOp =
  | { op: 'set'; ns: string; key: string; c: number; u: number; x?: number; value: unknown }
  | { op: 'del'; ns: string; key: string }
  | { op: 'tx'; ops: JournalOp[] };

export const JOURNAL_FILE = 'kvs.jsonl';

/** Serialises a `set` line around already-serialised value JSON (so values are stringified once). */
export function setLine(ns: string, key: string, c: number, u: number, x: number | undefined, valueJson: string): string {
  return `{"op":"set","ns":${JSON.stringify(ns)},"key":${JSON.stringify(key)},"c":${c},"u":${u}${x === undefined ? '' : `,"x":${x}`},"value":${valueJson}}`;
}

export function delLine(ns: string, key: string): string {
  return `{"op":"del","ns":${JSON.stringify(ns)},"key":${JSON.stringify(key)}}`;
}

export function txLine(lines: string[]): string {
  return `{"op":"tx","ops":[${lines.join(',')}]}`;
}

function isOp(v: unknown): v is JournalOp {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.op === 'tx') return Array.isArray(o.ops) && o.ops.every(isOp);
  return (o.op === 'set' || o.op === 'del') && typeof o.ns === 'string' && typeof o.key === 'string';
}

export interface ReplayResult {
  ops: JournalOp[];
  lines: number;
  /** A line failed to parse (torn write) or the file does not end with a newline. */
  damaged: boolean;
}

export class Journal {
  private pending: string[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private compactSource: (() => string[]) | null = null;
  private compacting = false;
  private failure: Error | null = null;
  private fh: FileHandle | null = null;
  private closed = false;
  /** Lines in the file plus those waiting to be written; drives compaction. */
  linesInFile = 0;

  private constructor(readonly path: string) {}

  /** Reads the existing journal (sync: start-up only) and opens it for appending. */
  static async open(dir: string): Promise<{ journal: Journal; replay: ReplayResult }> {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, JOURNAL_FILE);
    const replay = existsSync(path) ? Journal.read(path) : { ops: [], lines: 0, damaged: false };
    const journal = new Journal(path);
    journal.fh = await open(path, 'a');
    journal.linesInFile = replay.lines;
    return { journal, replay };
  }

  static read(path: string): ReplayResult {
    const text = readFileSync(path, 'utf8');
    const ops: JournalOp[] = [];
    let damaged = text.length > 0 && !text.endsWith('\n');
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      lines++;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isOp(parsed)) ops.push(parsed);
        else damaged = true;
      } catch {
        damaged = true;
      }
    }
    return { ops, lines, damaged };
  }

  append(line: string): void {
    if (this.closed) throw new Error('KVS journal is closed');
    this.pending.push(line);
    this.linesInFile++;
    this.schedule();
  }

  /**
   * Rewrites the file from `source()` (every live record as a `set` line). The snapshot is
   * taken when the writer gets to it, so it already contains every appended operation.
   */
  requestCompaction(source: () => string[]): void {
    if (this.compacting || this.compactSource || this.closed) return;
    this.compactSource = source;
    this.schedule();
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.compactSource || this.writing) await this.drain();
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.fh?.close();
    this.fh = null;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private drain(): Promise<void> {
    if (this.writing) return this.writing;
    this.writing = (async () => {
      try {
        while (this.pending.length > 0 || this.compactSource) {
          if (this.compactSource) {
            await this.compact(this.compactSource);
            continue;
          }
          const chunk = this.pending.join('\n') + '\n';
          this.pending = [];
          if (this.fh) await this.fh.write(chunk);
        }
      } catch (e) {
        this.failure = e instanceof Error ? e : new Error(String(e));
        this.pending = [];
        this.compactSource = null;
      } finally {
        this.writing = null;
      }
    })();
    return this.writing;
  }

  private async compact(source: () => string[]): Promise<void> {
    this.compactSource = null;
    this.compacting = true;
    try {
      const lines = source();
      // The snapshot reflects everything appended so far, including lines not yet written.
      this.pending = [];
      const tmp = `${this.path}.tmp`;
      await writeFile(tmp, lines.length > 0 ? lines.join('\n') + '\n' : '');
      await this.fh?.close();
      this.fh = null;
      await rename(tmp, this.path);
      this.fh = await open(this.path, 'a');
      this.linesInFile = lines.length + this.pending.length;
    } finally {
      this.compacting = false;
    }
  }
}

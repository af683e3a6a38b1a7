// TSV parser benchmark for `npm run bench -- connectors`: a generated Yandex Direct report streamed
// in 64 KiB chunks (cut mid-line and mid-character) through the real parser.
import { parseDirectTsv } from './tsv-parser';

const HEADER = 'Date\tCampaignId\tCampaignName\tImpressions\tClicks\tCost\tConversions\n';
const NAMES = ['Поиск | Бренд', 'РСЯ | Ретаргет', '  Мастер кампаний', 'Search | Generic – EN', 'Товарная | Каталог'];

/** `rows` data lines of a plausible report (dates advance every 50 rows), as UTF-8 bytes. */
export function generateTsvBlock(rows: number, startDate = '2025-01-01'): Uint8Array {
  const lines: string[] = [];
  const base = Date.parse(`${startDate}T00:00:00Z`);
  for (let i = 0; i < rows; i++) {
    const date = new Date(base + Math.floor(i / 50) * 86_400_000).toISOString().slice(0, 10);
    const c = i % 50;
    const impressions = 100 + ((i * 7919) % 9000);
    const clicks = (i * 31) % 200;
    const cost = clicks * 12_340_000;
    const conv = i % 3 === 0 ? '--' : String(i % 5);
    lines.push(`${date}\t${70_000_000 + c}\t${NAMES[c % NAMES.length]} ${c}\t${impressions}\t${clicks}\t${cost}\t${conv}\n`);
  }
  return new TextEncoder().encode(lines.join(''));
}

/** A stream of header + `rows` lines, cut into `chunkSize`-byte pieces, generated lazily. */
export function tsvStream(rows: number, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  const blockRows = Math.min(rows, 10_000);
  const block = generateTsvBlock(blockRows);
  const header = new TextEncoder().encode(HEADER);
  const fullBlocks = Math.floor(rows / blockRows);
  const rest = rows - fullBlocks * blockRows;
  const restBytes = rest > 0 ? generateTsvBlock(rest) : new Uint8Array(0);
  const total = header.length + fullBlocks * block.length + restBytes.length;
  let pos = 0;
  const byteAt = (from: number, len: number): Uint8Array => {
    const out = new Uint8Array(len);
    let o = 0;
    let p = from;
    while (o < len) {
      if (p < header.length) {
        const n = Math.min(len - o, header.length - p);
        out.set(header.subarray(p, p + n), o);
        o += n;
        p += n;
        continue;
      }
      const q = p - header.length;
      const blocksEnd = fullBlocks * block.length;
      if (q < blocksEnd) {
        const off = q % block.length;
        const n = Math.min(len - o, block.length - off);
        out.set(block.subarray(off, off + n), o);
        o += n;
        p += n;
        continue;
      }
      const off = q - blocksEnd;
      const n = Math.min(len - o, restBytes.length - off);
      out.set(restBytes.subarray(off, off + n), o);
      o += n;
      p += n;
    }
    return out;
  };
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pos >= total) {
        controller.close();
        return;
      }
      const len = Math.min(chunkSize, total - pos);
      controller.enqueue(byteAt(pos, len));
      pos += len;
    },
  });
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** Parses `rows` generated rows; returns throughput and the peak heap growth seen during the run. */
export async function benchTsv(rows: number): Promise<{ rowsPerSecond: number; heapGrowthMB: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  let count = 0;
  let batches = 0;
  const started = performance.now();
  for await (const batch of parseDirectTsv(readStream(tsvStream(rows)), { accountId: 'bench-login', currency: 'RUB', vatIncluded: false, moneyInMicros: true })) {
    count += batch.length;
    if (++batches % 10 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (count !== rows) throw new Error(`benchTsv: parsed ${count} of ${rows} rows`);
  return { rowsPerSecond: Math.round(rows / seconds), heapGrowthMB: Math.round(((peak - heapBefore) / 1024 / 1024) * 10) / 10 };
}

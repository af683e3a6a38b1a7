// Splits a streamed top-level JSON array into its elements' texts without buffering the whole body
// (Google Ads `searchStream` answers with one array of ≤10,000-row batches).
import { ParseError } from '../errors';
import type { MetricSource } from '../types';

const OPEN_OBJ = 123; // {
const CLOSE_OBJ = 125; // }
const OPEN_ARR = 91; // [
const CLOSE_ARR = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;

/** Yields the source text of each element of the top-level array, in order. */
export async function* splitJsonArray(source: MetricSource, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false; // saw the opening '['
  let ended = false;
  let parts: string[] = []; // pieces of the current element spanning chunks
  for await (const bytes of chunks) {
    const text = decoder.decode(bytes, { stream: true });
    let elemStart = depth >= 2 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        continue;
      }
      if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (!started) {
          if (c !== OPEN_ARR) throw new ParseError(source, [{ line: 0, message: 'expected a JSON array of batches' }]);
          started = true;
          depth = 1;
          continue;
        }
        depth++;
        if (depth === 2) elemStart = i;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        depth--;
        if (depth === 1) {
          parts.push(text.slice(elemStart, i + 1));
          yield parts.join('');
          parts = [];
          elemStart = -1;
        } else if (depth === 0) {
          ended = true;
        } else if (depth < 0) {
          throw new ParseError(source, [{ line: 0, message: 'unbalanced JSON in stream' }]);
        }
      }
    }
    if (depth >= 2 && elemStart >= 0) parts.push(text.slice(elemStart));
  }
  if (!started || !ended || depth !== 0) throw new ParseError(source, [{ line: 0, message: 'truncated JSON stream' }]);
}

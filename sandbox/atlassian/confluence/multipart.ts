// A small, binary-safe multipart/form-data parser (RFC 7578) for attachment uploads.
// Works on Buffers end to end so PDF and image bytes survive untouched.

export interface MultipartPart {
  /** The form field name from Content-Disposition. */
  name: string;
  /** Present for file parts. Path components are stripped. */
  filename?: string;
  /** The part's Content-Type, if sent. */
  contentType?: string;
  headers: Record<string, string>;
  data: Buffer;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** Extracts the boundary from a Content-Type header; undefined if it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m ? (m[1] ?? m[2]) : undefined;
  if (!boundary || boundary.length > 200) throw new MultipartError('multipart/form-data request without a valid boundary');
  return boundary;
}

/** Reads one parameter of a header value such as `form-data; name="file"; filename="a.pdf"`. */
function headerParam(value: string, param: string): string | undefined {
  // RFC 5987 extended form (filename*=UTF-8''…) wins over the plain one.
  const ext = new RegExp(`;\\s*${param}\\*\\s*=\\s*([^']*)'[^']*'([^;]*)`, 'i').exec(value);
  if (ext) {
    try {
      return decodeURIComponent((ext[2] as string).trim());
    } catch {
      // fall back to the plain parameter
    }
  }
  const re = new RegExp(`;\\s*${param}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(value);
  if (!m) return undefined;
  if (m[1] !== undefined) {
    // Quoted string: undo backslash escapes and the WHATWG percent-escapes browsers and undici use.
    return m[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  }
  return (m[2] ?? '').trim();
}

function basename(filename: string): string {
  const parts = filename.split(/[/\\]/);
  return parts[parts.length - 1] ?? filename;
}

/** A real delimiter line ends in "--", or in optional blanks and a line break; anything else is content. */
function isDelimiterEnd(body: Buffer, at: number): boolean {
  if (body[at] === 0x2d && body[at + 1] === 0x2d) return true;
  let i = at;
  while (body[i] === 0x20 || body[i] === 0x09) i++;
  return body[i] === 0x0d || body[i] === 0x0a || i >= body.length;
}

/** Finds the next delimiter (preceded by CRLF, or a bare LF) at or after `from`. */
function findDelimiter(body: Buffer, from: number, crlf: Buffer, lf: Buffer): { end: number; next: number } {
  for (const [needle, skip] of [[crlf, 2], [lf, 1]] as const) {
    let at = body.indexOf(needle, from);
    while (at >= 0 && !isDelimiterEnd(body, at + needle.length)) at = body.indexOf(needle, at + 1);
    if (at >= 0) return { end: at, next: at + skip };
  }
  return { end: -1, next: -1 };
}

/** Parses a multipart body. Throws MultipartError on malformed input. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const crlfDelimiter = Buffer.from(`\r\n--${boundary}`);
  const lfDelimiter = Buffer.from(`\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('multipart body does not contain the boundary');
  for (;;) {
    pos += delimiter.length;
    // `--` after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip transport padding and the CRLF (or a bare LF) that ends the delimiter line.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    else throw new MultipartError('malformed multipart delimiter line');

    // A delimiter inside the body is always preceded by CRLF (bare LF tolerated), so bytes that merely
    // contain "--boundary" never split a part.
    const { end, next } = findDelimiter(body, pos, crlfDelimiter, lfDelimiter);
    if (end < 0) throw new MultipartError('multipart body is not terminated by the closing boundary');
    const raw = body.subarray(pos, end);

    let headerEnd = raw.indexOf('\r\n\r\n');
    let sepLen = 4;
    if (headerEnd < 0) {
      headerEnd = raw.indexOf('\n\n');
      sepLen = 2;
    }
    if (headerEnd < 0) throw new MultipartError('multipart part without a header section');
    const headers: Record<string, string> = {};
    for (const line of raw.subarray(0, headerEnd).toString('utf8').split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const disposition = headers['content-disposition'];
    if (!disposition || !/^\s*form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('multipart part without Content-Disposition: form-data');
    const name = headerParam(disposition, 'name');
    if (name === undefined) throw new MultipartError('multipart part without a name');
    const part: MultipartPart = { name, headers, data: Buffer.from(raw.subarray(headerEnd + sepLen)) };
    const filename = headerParam(disposition, 'filename');
    if (filename !== undefined) part.filename = basename(filename);
    if (headers['content-type']) part.contentType = headers['content-type'];
    parts.push(part);
    pos = next;
  }
  return parts;
}

/** Decodes a text part (e.g. `comment`, `minorEdit`) honouring a charset parameter; UTF-8 otherwise. */
export function partText(part: MultipartPart): string {
  const charset = /charset="?([^";\s]+)"?/i.exec(part.contentType ?? '')?.[1]?.toLowerCase();
  if (charset === 'iso-8859-1' || charset === 'latin1') return part.data.toString('latin1');
  return part.data.toString('utf8');
}

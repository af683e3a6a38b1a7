import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { multipartBoundary, MultipartError, parseMultipart, partText } from './multipart';

const B = '----sandbox7MA4YWxkTrZu0gW';

function body(parts: Array<{ headers: string; data: Buffer | string }>, eol = '\r\n'): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${B}${eol}${p.headers.split('\n').join(eol)}${eol}${eol}`));
    chunks.push(typeof p.data === 'string' ? Buffer.from(p.data) : p.data);
    chunks.push(Buffer.from(eol));
  }
  chunks.push(Buffer.from(`--${B}--${eol}`));
  return Buffer.concat(chunks);
}

describe('multipart', () => {
  test('should keep binary bytes intact when a file contains CRLF, NUL and boundary-like text', () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\r\n'), Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from(`--${B.slice(0, -1)}x\r\n--${B}-not-it`), Buffer.from('\r\n%%EOF')]);
    const parts = parseMultipart(body([{ headers: 'Content-Disposition: form-data; name="file"; filename="r.pdf"\nContent-Type: application/pdf', data: bytes }]), B);
    assert.equal(parts.length, 1);
    assert.ok(parts[0]?.data.equals(bytes));
    assert.equal(parts[0]?.filename, 'r.pdf');
    assert.equal(parts[0]?.contentType, 'application/pdf');
  });

  test('should read several parts in order when a form repeats file and comment fields', () => {
    const parts = parseMultipart(
      body([
        { headers: 'Content-Disposition: form-data; name="file"; filename="a.csv"', data: 'x,y\n1,2' },
        { headers: 'Content-Disposition: form-data; name="file"; filename="b.png"', data: Buffer.from([137, 80, 78, 71]) },
        { headers: 'Content-Disposition: form-data; name="comment"\nContent-Type: text/plain; charset=utf-8', data: 'Звіт' },
        { headers: 'Content-Disposition: form-data; name="minorEdit"', data: 'true' },
      ]),
      B,
    );
    assert.deepEqual(parts.map((p) => p.name), ['file', 'file', 'comment', 'minorEdit']);
    assert.equal(partText(parts[2]!), 'Звіт');
    assert.equal(parts[3]?.data.toString(), 'true');
  });

  test('should decode filenames when they are quoted, escaped, RFC 5987 encoded or carry a path', () => {
    const parse = (disp: string) => parseMultipart(body([{ headers: `Content-Disposition: ${disp}`, data: '' }]), B)[0]?.filename;
    assert.equal(parse('form-data; name="file"; filename="a \\"b\\".pdf"'), 'a "b".pdf');
    assert.equal(parse('form-data; name="file"; filename="a%22b.pdf"'), 'a"b.pdf');
    assert.equal(parse(`form-data; name="file"; filename="x.pdf"; filename*=UTF-8''%D0%B7%D0%B2%D1%96%D1%82.pdf`), 'звіт.pdf');
    assert.equal(parse('form-data; name="file"; filename="C:\\\\Users\\\\me\\\\report.pdf"'), 'report.pdf');
    assert.equal(parse('form-data; name="file"; filename="звіт березень.pdf"'), 'звіт березень.pdf');
  });

  test('should accept bare LF line endings when a client does not send CRLF', () => {
    const parts = parseMultipart(body([{ headers: 'Content-Disposition: form-data; name="file"; filename="t.txt"', data: 'hello' }], '\n'), B);
    assert.equal(parts[0]?.data.toString(), 'hello');
  });

  test('should throw MultipartError when the closing boundary or the disposition is missing', () => {
    const unterminated = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc`);
    assert.throws(() => parseMultipart(unterminated, B), MultipartError);
    const noDisposition = body([{ headers: 'Content-Type: text/plain', data: 'abc' }]);
    assert.throws(() => parseMultipart(noDisposition, B), MultipartError);
    assert.throws(() => parseMultipart(Buffer.from('no boundary here'), B), MultipartError);
  });

  test('should read the boundary when the content type is multipart/form-data, quoted or not', () => {
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${B}`), B);
    assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(multipartBoundary('application/json'), undefined);
    assert.throws(() => multipartBoundary('multipart/form-data'), MultipartError);
  });
});

// A JQL subset: clauses `field op value` joined by AND / OR / NOT with parentheses, then ORDER BY.
// Operators: = != > >= < <= ~ !~ IN, NOT IN, IS [NOT] EMPTY|NULL. Values: words, quoted strings,
// numbers, lists `(a, b)`, functions `name(args)`, EMPTY/NULL. Fields may be quoted, `cf[10001]`
// or `issue.property[key].path`.

export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; text: string; quoted: boolean }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'list'; items: Operand[] }
  | { kind: 'empty' };

export interface FieldRef {
  /** As written (for messages). */
  raw: string;
  /** Lower-cased name; `issue.property` for property references. */
  name: string;
  property?: { key: string; path: string[] };
}

export type Clause =
  | { kind: 'and'; items: Clause[] }
  | { kind: 'or'; items: Clause[] }
  | { kind: 'not'; item: Clause }
  | { kind: 'compare'; field: FieldRef; op: Operator; operand: Operand };

export interface OrderBy {
  field: FieldRef;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where: Clause | null;
  orderBy: OrderBy[];
}

type Token =
  | { t: 'word'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: '('; pos: number }
  | { t: ')'; pos: number }
  | { t: ','; pos: number };

const SPECIAL = new Set(['(', ')', ',', '=', '!', '<', '>', '~', '"', "'"]);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, pos });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) {
          v += src[i + 1];
          i += 2;
        } else v += src[i++];
      }
      if (i >= src.length) throw new JqlError(`Error in the JQL Query: The quoted string '${v}' has not been completed. (line 1, character ${pos + 1})`);
      i++;
      out.push({ t: 'string', v, pos });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '!=' || two === '>=' || two === '<=' || two === '!~') {
      out.push({ t: 'op', v: two, pos });
      i += 2;
      continue;
    }
    if (c === '=' || c === '>' || c === '<' || c === '~') {
      out.push({ t: 'op', v: c, pos });
      i++;
      continue;
    }
    if (c === '!') throw new JqlError(`Error in the JQL Query: The character '!' is a reserved JQL character. (line 1, character ${pos + 1})`);
    let v = '';
    let depth = 0;
    while (i < src.length) {
      const ch = src[i] as string;
      // Brackets belong to words like cf[10001] and issue.property[key].path.
      if (ch === '[') depth++;
      if (ch === ']') depth--;
      if (depth <= 0 && (/\s/.test(ch) || SPECIAL.has(ch))) break;
      v += ch;
      i++;
    }
    out.push({ t: 'word', v, pos });
  }
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc', 'was', 'changed']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token | undefined {
    return this.tokens[this.i++];
  }

  private isWord(w: string, tok = this.peek()): boolean {
    return tok?.t === 'word' && tok.v.toLowerCase() === w;
  }

  private fail(expected: string): never {
    const tok = this.peek();
    if (!tok) throw new JqlError(`Error in the JQL Query: Expecting ${expected} but got the end of the query.`);
    const shown = tok.t === 'word' || tok.t === 'string' || tok.t === 'op' ? tok.v : tok.t;
    throw new JqlError(`Error in the JQL Query: Expecting ${expected} but got '${shown}'. (line 1, character ${tok.pos + 1})`);
  }

  parse(): JqlQuery {
    let where: Clause | null = null;
    if (this.peek() && !this.isWord('order')) where = this.parseOr();
    const orderBy: OrderBy[] = [];
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) this.fail("'by'");
      this.next();
      do {
        if (orderBy.length > 0) this.next(); // the comma
        const field = this.parseField();
        let direction: 'asc' | 'desc' = 'asc';
        if (this.isWord('asc') || this.isWord('desc')) direction = (this.next() as { v: string }).v.toLowerCase() as 'asc' | 'desc';
        orderBy.push({ field, direction });
      } while (this.peek()?.t === ',');
      if (orderBy.length > 7) throw new JqlError('The ORDER BY clause can contain a maximum of 7 fields.');
    }
    if (this.peek()) this.fail(where ? "'AND', 'OR' or 'ORDER BY'" : 'a field name');
    return { where, orderBy };
  }

  private parseOr(): Clause {
    const items = [this.parseAnd()];
    while (this.isWord('or')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as Clause) : { kind: 'or', items };
  }

  private parseAnd(): Clause {
    const items = [this.parseNot()];
    while (this.isWord('and')) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 ? (items[0] as Clause) : { kind: 'and', items };
  }

  private parseNot(): Clause {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', item: this.parseNot() };
    }
    if (this.peek()?.t === '(') {
      this.next();
      const inner = this.parseOr();
      if (this.peek()?.t !== ')') this.fail("')'");
      this.next();
      return inner;
    }
    return this.parseCompare();
  }

  private parseField(): FieldRef {
    const tok = this.next();
    if (!tok || (tok.t !== 'word' && tok.t !== 'string')) {
      this.i--;
      this.fail('a field name');
    }
    const raw = tok.v;
    if (tok.t === 'word' && KEYWORDS.has(raw.toLowerCase())) {
      this.i--;
      this.fail('a field name');
    }
    const m = /^issue\.property\[([^\]]+)\](?:\.(.+))?$/i.exec(raw);
    if (m) return { raw, name: 'issue.property', property: { key: (m[1] as string).replace(/^["']|["']$/g, ''), path: m[2] ? m[2].split('.') : [] } };
    return { raw, name: raw.toLowerCase() };
  }

  private parseCompare(): Clause {
    const field = this.parseField();
    const tok = this.peek();
    let op: Operator;
    if (tok?.t === 'op') {
      op = tok.v as Operator;
      this.next();
    } else if (this.isWord('in')) {
      op = 'in';
      this.next();
    } else if (this.isWord('not') && this.isWord('in', this.tokens[this.i + 1])) {
      op = 'not in';
      this.i += 2;
    } else if (this.isWord('is')) {
      this.next();
      op = 'is';
      if (this.isWord('not')) {
        this.next();
        op = 'is not';
      }
    } else if (this.isWord('was') || this.isWord('changed')) {
      throw new JqlError(`The operator '${(tok as { v: string }).v.toUpperCase()}' is not supported by this emulator.`);
    } else this.fail('operator');
    const operand = this.parseOperand(op);
    if ((op === 'is' || op === 'is not') && operand.kind !== 'empty') {
      throw new JqlError(`The operator '${op.toUpperCase()}' can only be used with the values 'EMPTY' or 'NULL'.`);
    }
    if ((op === 'in' || op === 'not in') && operand.kind !== 'list' && operand.kind !== 'function') {
      throw new JqlError(`The operator '${op.toUpperCase()}' can only be used with a list of values, e.g. (a, b).`);
    }
    return { kind: 'compare', field, op, operand };
  }

  private parseOperand(op: Operator): Operand {
    const tok = this.peek();
    if (!tok) this.fail('a value');
    if (tok.t === '(') {
      this.next();
      const items: Operand[] = [];
      if (this.peek()?.t !== ')') {
        items.push(this.parseOperand(op));
        while (this.peek()?.t === ',') {
          this.next();
          items.push(this.parseOperand(op));
        }
      }
      if (this.peek()?.t !== ')') this.fail("')'");
      this.next();
      return { kind: 'list', items };
    }
    if (tok.t === 'string') {
      this.next();
      return { kind: 'value', text: tok.v, quoted: true };
    }
    if (tok.t === 'word') {
      const lower = tok.v.toLowerCase();
      if (lower === 'empty' || lower === 'null') {
        this.next();
        return { kind: 'empty' };
      }
      if (KEYWORDS.has(lower)) this.fail('a value');
      this.next();
      if (this.peek()?.t === '(') {
        this.next();
        const args: string[] = [];
        while (this.peek() && this.peek()?.t !== ')') {
          const a = this.next() as Token;
          if (a.t === 'word' || a.t === 'string') args.push(a.v);
          else if (a.t !== ',') this.fail("')'");
        }
        if (this.peek()?.t !== ')') this.fail("')'");
        this.next();
        return { kind: 'function', name: lower, args };
      }
      return { kind: 'value', text: tok.v, quoted: false };
    }
    return this.fail('a value');
  }
}

export function parseJql(src: string): JqlQuery {
  return new Parser(tokenize(src)).parse();
}

// The basic shape check Jira v3 applies to rich-text fields (description, comment body, worklog
// comment): an ADF document, not a plain string. Deep schema checks are out of scope.

export interface AdfNode {
  type: string;
  content?: AdfNode[];
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** null when valid; otherwise a short reason. */
export function adfProblem(value: unknown): string | null {
  if (!isObj(value)) return 'not an object';
  if (value.type !== 'doc') return "top-level node must have type 'doc'";
  if (value.version !== 1) return 'version must be 1';
  if (!Array.isArray(value.content)) return 'content must be an array';
  return nodesProblem(value.content, 1);
}

function nodesProblem(nodes: unknown[], depth: number): string | null {
  if (depth > 64) return 'document nested too deeply';
  for (const n of nodes) {
    if (!isObj(n) || typeof n.type !== 'string' || n.type.length === 0) return 'every node needs a string type';
    if (n.type === 'doc') return "'doc' can only be the top-level node";
    if (n.type === 'text' && typeof n.text !== 'string') return 'text nodes need a text string';
    if (n.marks !== undefined && (!Array.isArray(n.marks) || n.marks.some((m) => !isObj(m) || typeof m.type !== 'string'))) return 'marks must be typed objects';
    if (n.attrs !== undefined && !isObj(n.attrs)) return 'attrs must be an object';
    if (n.content !== undefined) {
      if (!Array.isArray(n.content)) return 'content must be an array';
      const p = nodesProblem(n.content, depth + 1);
      if (p) return p;
    }
  }
  return null;
}

export function isAdfDoc(value: unknown): value is AdfDoc {
  return adfProblem(value) === null;
}

/** Plain text of a document, for `~` text search in JQL. */
export function adfText(value: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (!isObj(n)) return;
    if (typeof n.text === 'string') out.push(n.text);
    if (Array.isArray(n.content)) n.content.forEach(walk);
  };
  walk(value);
  return out.join(' ');
}

export const ADF_INVALID_MESSAGE = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

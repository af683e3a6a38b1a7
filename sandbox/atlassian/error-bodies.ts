// Error bodies the site itself produces (faults, spec rejections, unknown paths), in each API's shape
// (atlassian-rest.md §0.2): Jira ErrorCollection, Confluence v2 `errors[]`, Confluence v1 statusCode/data/message.

export type ApiFlavour = 'jira' | 'confluence-v2' | 'confluence-v1';

const V2_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST_PARAMETER',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

export function errorBody(flavour: ApiFlavour, status: number, messages: string[]): unknown {
  const list = messages.length > 0 ? messages : [`HTTP ${status}`];
  if (flavour === 'jira') return { errorMessages: list, errors: {} };
  if (flavour === 'confluence-v2') {
    return { errors: list.map((title) => ({ status, code: V2_CODES[status] ?? 'ERROR', title, detail: null })) };
  }
  return {
    statusCode: status,
    data: {
      authorized: status !== 401 && status !== 403,
      valid: status !== 400,
      errors: list.map((translation) => ({ message: { translation, args: [] } })),
      successful: false,
    },
    message: list.join('; '),
  };
}

// Error codes and HTTP statuses the emulated KVS answers with. `@forge/kvs` turns any non-2xx
// `{code, message, ...}` body into a `ForgeKvsAPIError` and swallows only `404 KEY_NOT_FOUND`
// on get/delete, so the code strings matter to app code that inspects `error.code`.
//
// Sources of the verified codes:
//   - `@forge/kvs@1.6.5` client and its tests: KEY_NOT_FOUND (404), BAD_REQUEST (400,
//     "Provided request body is invalid"), INTERNAL_SERVER_ERROR (500).
//   - docs "Error handling for the Custom Entity Store": EMPTY_KEY, INVALID_KEY, KEY_TOO_LONG,
//     MAX_SIZE, MAX_DEPTH, INVALID_ENTITY_VALUE, INVALID_ENTITY_INDEX,
//     COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE, EMPTY_FILTER_OPERATOR,
//     INVALID_FILTER_OPERATORS_COMBINATION, INSUFFICIENT_FILTER_VALUES (all 400).
//   - docs limits page (see docs/forge-platform.md §2.6): LIST_QUERY_LIMIT_EXCEEDED.
//   - third-party observation (forge-platform.md §4.4): FAIL_IF_EXISTS conflict = 409 KEY_CONFLICT.
//
// Unverified codes (our choice; production's exact strings were not found — app logic must only
// depend on "it is an error", never on these strings):
//   - INVALID_ENTITY_TYPE (400)      entity name not declared in the manifest (docs use this code
//                                    for malformed entity names)
//   - CONDITION_FAILED (409)         a transaction condition or check() did not hold
//   - TRANSACTION_LIMIT_EXCEEDED (400)  more than 25 operations in a transaction
//   - DUPLICATE_TRANSACTION_KEYS (400)  the same key used twice in one transaction
//   - BATCH_LIMIT_EXCEEDED (400)     more than 25 items in a batch request
//   - INVALID_CURSOR (400)           cursor that does not decode or belongs to another query
//   - NOT_FOUND (404)                unknown /api/v1 endpoint
//   - MAX_SIZE (400) also for a transaction payload above 4 MB

export type KvsErrorCode =
  | 'KEY_NOT_FOUND'
  | 'BAD_REQUEST'
  | 'INTERNAL_SERVER_ERROR'
  | 'EMPTY_KEY'
  | 'INVALID_KEY'
  | 'KEY_TOO_LONG'
  | 'MAX_SIZE'
  | 'MAX_DEPTH'
  | 'INVALID_ENTITY_VALUE'
  | 'INVALID_ENTITY_INDEX'
  | 'INVALID_ENTITY_TYPE'
  | 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'
  | 'EMPTY_FILTER_OPERATOR'
  | 'INVALID_FILTER_OPERATORS_COMBINATION'
  | 'INSUFFICIENT_FILTER_VALUES'
  | 'LIST_QUERY_LIMIT_EXCEEDED'
  | 'KEY_CONFLICT'
  | 'CONDITION_FAILED'
  | 'TRANSACTION_LIMIT_EXCEEDED'
  | 'DUPLICATE_TRANSACTION_KEYS'
  | 'BATCH_LIMIT_EXCEEDED'
  | 'INVALID_CURSOR'
  | 'NOT_FOUND';

const STATUS: Record<KvsErrorCode, number> = {
  KEY_NOT_FOUND: 404,
  NOT_FOUND: 404,
  KEY_CONFLICT: 409,
  CONDITION_FAILED: 409,
  INTERNAL_SERVER_ERROR: 500,
  BAD_REQUEST: 400,
  EMPTY_KEY: 400,
  INVALID_KEY: 400,
  KEY_TOO_LONG: 400,
  MAX_SIZE: 400,
  MAX_DEPTH: 400,
  INVALID_ENTITY_VALUE: 400,
  INVALID_ENTITY_INDEX: 400,
  INVALID_ENTITY_TYPE: 400,
  COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE: 400,
  EMPTY_FILTER_OPERATOR: 400,
  INVALID_FILTER_OPERATORS_COMBINATION: 400,
  INSUFFICIENT_FILTER_VALUES: 400,
  LIST_QUERY_LIMIT_EXCEEDED: 400,
  TRANSACTION_LIMIT_EXCEEDED: 400,
  DUPLICATE_TRANSACTION_KEYS: 400,
  BATCH_LIMIT_EXCEEDED: 400,
  INVALID_CURSOR: 400,
};

/** A request the emulated service rejects; becomes `{status, body: {code, message}}`. */
export class KvsError extends Error {
  readonly status: number;
  constructor(
    readonly code: KvsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
    this.status = STATUS[code];
  }
}

export function badRequest(message = 'Provided request body is invalid'): KvsError {
  return new KvsError('BAD_REQUEST', message);
}

// Validation of emulated Jira/Confluence traffic against the pinned official OpenAPI files.
export { createSpecValidator, type OperationRef, type RequestParts, type SpecValidator } from './validator';
export { resolveSpecsDir, loadSpecDocument, serverBasePath, SPEC_FILES, type SpecProduct, type OpenApiDocument } from './spec-files';
export { SPEC_ERRATA } from './errata';

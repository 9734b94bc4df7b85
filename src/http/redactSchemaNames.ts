/**
 * graphql-js request errors (validation and variable coercion) suggest names from the schema
 * ("Did you mean "firstName"?") and name required fields and arguments the client left out: with
 * introspection off, either lets a client map the schema by probing. This rewrites those messages
 * so that they describe the problem by what the client sent and the type expected, never by a
 * name the client did not send.
 */
const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  // 'Did you mean "firstName" or "lastName"?', 'Did you mean the enum value "MALE"?', 'Did you mean to use an inline fragment on "X"?'
  [/\s*Did you mean [^?]*\?/g, ''],
  // a required input field (literal: 'Field "T.name" ...'; variables: 'Field "name" ...')
  [/Field "[^"]+" of required type "([^"]+)" was not provided\./g, 'A required input field of type "$1" was not provided.'],
  // a required argument
  [/Field "([^"]+)" argument "[^"]+" of type "([^"]+)" is required, but it was not provided\./g, 'Field "$1" is missing a required argument of type "$2".'],
  [
    /Directive "([^"]+)" argument "[^"]+" of type "([^"]+)" is required, but it was not provided\./g,
    'Directive "$1" is missing a required argument of type "$2".',
  ],
];

export function redactSchemaNames(message: string): string {
  return REWRITES.reduce((m, [pattern, replacement]) => m.replace(pattern, replacement), message);
}

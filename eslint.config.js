// Lint, layering and import rules; `npm run lint` runs them with Prettier's check and knip.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The dependency direction of docs/architecture.md, as import-x zones: files in `target` may not
 * import from `from`. Every arrow not listed here points the allowed way.
 */
const zones = [
  // resolvers are thin adapters: context, service types and errors only
  {
    target: './resolvers/**',
    from: ['./src/db/**', './src/gateway/**', './src/governor/**', './src/http/**', './src/killSwitch/**', './src/cli/**', './src/**/*.queries.ts'],
    message: 'resolvers reach data through context.services and context.loaders',
  },
  // nothing below the composition root knows the resolvers
  { target: ['./src/*/**', './src/!(main).ts'], from: './resolvers/**', message: 'only src/main.ts wires the resolvers in' },
  // lib is dependency-free: it imports nothing of ours
  { target: './src/lib/**', from: ['./src/!(lib)/**', './src/*.ts', './resolvers/**'], message: 'src/lib imports nothing of ours' },
  // config knows only lib
  { target: './src/config/**', from: ['./src/!(lib|config)/**', './src/*.ts'], message: 'src/config imports only src/lib' },
  // the database layer knows no domain
  { target: './src/db/**', from: ['./src/!(lib|db|config)/**', './src/*.ts'], message: 'src/db knows no domain (and no gateway, auth, governor or http)' },
  // the security log and stamps sit under everything that writes
  { target: './src/audit/**', from: ['./src/!(lib|db|audit|auth)/**', './src/*.ts'], message: 'src/audit depends only on db, lib and the Principal' },
  { target: './src/audit/**', from: './src/auth/!(Principal).ts', message: 'src/audit uses only the Principal type from src/auth' },
  // the gateway tables' owner consumes nothing above it
  {
    target: './src/gateway/**',
    from: ['./src/!(lib|db|audit|config|gateway)/**', './src/*.ts'],
    message: 'src/gateway sits under auth, http, the governor and services',
  },
  {
    target: './src/killSwitch/**',
    from: ['./src/!(lib|db|audit|gateway|killSwitch)/**', './src/*.ts'],
    message: 'the kill switch depends only on the gateway, db and lib',
  },
  {
    target: './src/auth/**',
    from: ['./src/!(lib|db|gateway|killSwitch|auth)/**', './src/*.ts'],
    message: 'src/auth consumes the gateway and the kill switch, nothing above them',
  },
  // services own the domain: no transport, no governor
  {
    target: './src/services/**',
    from: ['./src/http/**', './src/governor/**', './src/cli/**', './src/loaders/**', './src/schema/**', './src/*.ts'],
    message: 'services know no transport and no governor',
  },
  { target: './src/services/**', from: './src/auth/!(Principal).ts', message: 'services use only the Principal type from src/auth' },
  {
    target: './src/services/**',
    from: './src/events/**',
    message: 'services get the webhook rules injected (WebhookPolicy); the events module sits above them',
  },
  // the webhook dispatcher consumes the gateway's event tables and the read services (full payloads)
  {
    target: './src/events/**',
    from: ['./src/http/**', './src/governor/**', './src/cli/**', './src/loaders/**', './src/schema/**', './src/killSwitch/**', './src/*.ts'],
    message: 'the events module knows no transport, governor or CLI',
  },
  { target: './src/events/**', from: './src/auth/!(Principal).ts', message: 'src/events uses only the Principal type from src/auth' },
  { target: './src/loaders/**', from: ['./src/!(lib|services|loaders)/**', './src/*.ts'], message: 'loaders are built from services only' },
  // the governor judges requests: never domain services, never the HTTP edge
  {
    target: './src/governor/**',
    from: ['./src/services/**', './src/http/**', './src/cli/**', './src/loaders/**', './src/*.ts'],
    message: 'the governor judges requests; it does not do domain work',
  },
  {
    target: './src/http/**',
    from: ['./src/services/**', './src/cli/**', './src/loaders/**'],
    message: 'the HTTP edge gets services through the request context',
  },
  { target: './src/schema/**', from: ['./src/!(lib|schema)/**', './src/*.ts'], message: 'src/schema loads SDL only' },
  // the console's browser app talks to /graphql (and its sign-in routes) only: no server code in the bundle
  {
    target: './src/console/app/**',
    from: ['./src/!(console)/**', './src/*.ts', './src/console/*.ts', './resolvers/**'],
    message: 'the console app is a browser bundle: it reaches chartgate over HTTP only',
  },
  // the console's server side sits at the edge, beside src/http: identity and gateway tables, never the domain
  {
    target: './src/console/*.ts',
    from: [
      './src/services/**',
      './src/governor/**',
      './src/loaders/**',
      './src/cli/**',
      './src/killSwitch/**',
      './src/schema/**',
      './src/*.ts',
      './src/console/app/**',
    ],
    message: 'the console routes sign people in and serve files; data goes through /graphql',
  },
  { target: './src/http/**', from: './src/console/**', message: 'main.ts mounts the console; the HTTP edge does not know it' },
];

/** Packages a layer must not import. */
const noTransport = ['graphql', '@apollo/*', 'fastify', '@as-integrations/*'];
const restricted = (paths, patterns = []) => [
  'error',
  { paths: paths.map((name) => ({ name, message: 'not in this layer (docs/architecture.md)' })), patterns },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'benchmarks/results/', 'resolvers/__generated__/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  { files: ['resolvers/**/*.ts'], rules: { 'no-restricted-imports': restricted(['kysely', 'mysql2', 'better-sqlite3']) } },
  {
    files: [
      'src/services/**/*.ts',
      'src/lib/**/*.ts',
      'src/db/**/*.ts',
      'src/gateway/**/*.ts',
      'src/audit/**/*.ts',
      'src/killSwitch/**/*.ts',
      'src/config/**/*.ts',
      'src/events/**/*.ts',
    ],
    rules: { 'no-restricted-imports': restricted(noTransport, [{ group: ['@apollo/*', '@as-integrations/*'], message: 'no transport in this layer' }]) },
  },
  {
    // the console's React app runs in a browser
    files: ['src/console/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', '__filename', 'require'],
      'no-restricted-imports': restricted(
        [],
        [{ group: ['node:*', 'fastify', 'kysely', '@apollo/*'], message: 'server modules do not belong in the browser bundle' }],
      ),
    },
  },
  {
    // tests and benchmarks read their own environment and may be loose with response bodies
    files: ['test/**/*.ts', 'benchmarks/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);

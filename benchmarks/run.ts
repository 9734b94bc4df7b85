/**
 * `npm run bench` (see benchmarks/README.md). chartgate runs in production with NODE_ENV set,
 * and graphql-js picks its production code paths (no cross-realm instanceof checks) from
 * NODE_ENV when first imported; so it is set here, before anything imports graphql.
 */
process.env.NODE_ENV ??= 'production';

const { runBench } = await import('./runBench.js');
runBench().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);

/**
 * Import structure checked in CI (`npm run lint`): no circles anywhere in src/ (type-only imports count, since a
 * circle over types is still a knot a reader has to untie), and the database layer does not import the modules
 * above it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Move what both sides need to a leaf module that imports neither.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'db-is-the-lowest-floor',
      severity: 'error',
      comment:
        'src/server/db/ (schema, client, migrations) sits under every module: it must not import a module, the demo ' +
        'seeder, or anything else built on top of it. Seeding through module services lives in src/server/demo/.',
      from: { path: '^src/server/db/' },
      to: {
        path: [
          '^src/server/modules/',
          '^src/server/demo/',
          '^src/server/plugins/',
          '^src/server/services/',
          '^src/server/(app|main|cli|types)\\.ts$',
          '^src/web/',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^src/server/db/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};

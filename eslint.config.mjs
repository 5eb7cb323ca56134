// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const DEEP_IMPORT = { group: ['@kenes/*/**'], message: "Import a library through its barrel ('@kenes/<lib>'): add what you need to its index.ts." };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench-results/**', '.kenes/**', '*.js', '*.mjs', 'apps/web/dist/**', 'apps/web/src/api/schema.d.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    // A library's index.ts is its only door: no deep imports '@kenes/<lib>/...' in libraries and apps (tests and bench
    // may reach inside). The blocks below that restrict imports further repeat DEEP_IMPORT (a later block's options replace these).
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'apps/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_IMPORT] }] },
  },
  {
    // The few plain CommonJS scripts that run before anything is compiled (npm start).
    files: ['scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The audit library is below every domain library: they write their entries through it, it knows none of them.
    files: ['libs/audit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@kenes/councils', '@kenes/councils/*', '@kenes/proposals', '@kenes/proposals/*', '@kenes/polls', '@kenes/polls/*', '@kenes/sessions', '@kenes/sessions/*', '@kenes/implementation', '@kenes/implementation/*', '@kenes/petitions', '@kenes/petitions/*', '@kenes/rotation', '@kenes/rotation/*'] }, DEEP_IMPORT] },
      ],
    },
  },
  {
    // Repositories are the only door to the database: elsewhere no DataSource, no injected TypeORM handles, and no
    // queries on an EntityManager (a service passes tx.em on to a repository). The unit of work, the audit sequencer
    // and its checkpoints open transactions (and hand them to their repository).
    files: ['libs/**/*.ts', 'apps/api/**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      '**/entities/**',
      'libs/database/**',
      '**/*.spec.ts',
      'libs/audit/src/unit-of-work.ts',
      'libs/audit/src/audit-sequencer.ts',
      'libs/audit/src/audit-checkpoints.service.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='typeorm'][importKind!='type'] > ImportSpecifier[imported.name='DataSource'][importKind!='type']",
          message: 'Only repositories (and libs/database) use the DataSource: add a repository method.',
        },
        {
          selector: "ImportDeclaration[source.value='@nestjs/typeorm'] > ImportSpecifier[imported.name=/^Inject(DataSource|Repository|EntityManager)$/]",
          message: 'Only repositories inject TypeORM handles: add a repository method.',
        },
        {
          selector: "CallExpression[callee.object.property.name=/^(em|manager|dataSource)$/], CallExpression[callee.object.name=/^(em|manager|dataSource)$/]",
          message: 'Queries go through a repository: pass tx.em to a repository method instead.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]",
          message: 'Queries go through a repository.',
        },
      ],
    },
  },
  {
    // The core stays framework-free: plain TypeScript rules, tested by the thousand.
    files: ['libs/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'socket.io', 'socket.io-*', 'pg', 'express'] }, DEEP_IMPORT] },
      ],
    },
  },
);

// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
        { patterns: ['@kenes/councils', '@kenes/councils/*', '@kenes/proposals', '@kenes/proposals/*', '@kenes/polls', '@kenes/polls/*', '@kenes/sessions', '@kenes/sessions/*', '@kenes/implementation', '@kenes/implementation/*', '@kenes/petitions', '@kenes/petitions/*', '@kenes/rotation', '@kenes/rotation/*'] },
      ],
    },
  },
  {
    // The core stays framework-free: plain TypeScript rules, tested by the thousand.
    files: ['libs/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'typeorm/*', 'socket.io', 'socket.io-*', 'pg', 'express'] },
      ],
    },
  },
);

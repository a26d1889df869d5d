import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// Layer boundaries: shared code runs in both the server and the browser, so it imports neither,
// nor Node built-ins; the web app never imports server code.
const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'stream'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', '.tmp', 'coverage', 'src/server/db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="skip"]', message: 'Skipped tests are defects.' },
        { selector: 'CallExpression[callee.property.name="only"]', message: 'Focused tests hide the rest.' },
      ],
    },
  },
  {
    // Refusals come from the reason-code catalogue (src/shared/errors/codes.ts, ADR 0033): AppError.of(REASON, details).
    // A message written at the throw site is a reason without a code, so a client could only tell it by its Chinese.
    files: ['src/server/**', 'src/shared/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="skip"]', message: 'Skipped tests are defects.' },
        { selector: 'CallExpression[callee.property.name="only"]', message: 'Focused tests hide the rest.' },
        ...['Literal', 'TemplateLiteral', 'ConditionalExpression', 'BinaryExpression'].map((type) => ({
          selector: `NewExpression[callee.name="AppError"][arguments.1.type="${type}"]`,
          message:
            'Written-out error message: add a reason to src/shared/errors/codes.ts and throw AppError.of(REASON, details).',
        })),
      ],
    },
  },
  {
    files: ['src/server/**', 'tests/**', 'bench/**', 'scripts/**', '*.config.*', '.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**'], message: 'shared must not import server or web code.' },
            { group: nodeBuiltins, message: 'shared runs in the browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'web must not import server code.' }] },
      ],
    },
  },
);

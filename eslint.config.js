// ESLint (flat config): typescript-eslint's recommended rules, a few habits of this project, and the
// architecture's import rules (tools/architecture.js, ARCHITECTURE.md). Formatting is Prettier's.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { eslintPlugin as architecture } from './tools/architecture.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'drizzle/', 'coverage/', '.data/', '.demo/', '.ci/out/', 'dist/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { architecture },
    rules: {
      'architecture/layers': 'error',
      // A promise nobody awaits loses its error (and here, maybe a family's message).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      // Japanese text is written with the ideographic space (U+3000) in strings, comments and examples.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
    },
  },
  {
    files: ['src/sandbox/web/**/*.ts', 'src/sandbox/web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tools that talk to a person on a terminal, and tests.
    files: ['src/cli/**', 'bench/**', 'test/**', 'tools/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.harness/**', '.vscode-test/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core/ is pure: no editor API, no processes, no file system. The layering is enforced here.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on the editor API.' },
          { name: 'child_process', message: 'src/core must not spawn processes (use src/system).' },
          { name: 'node:child_process', message: 'src/core must not spawn processes (use src/system).' },
          { name: 'fs', message: 'src/core must not touch the file system (inject a reader).' },
          { name: 'node:fs', message: 'src/core must not touch the file system (inject a reader).' },
          { name: 'fs/promises', message: 'src/core must not touch the file system (inject a reader).' },
          { name: 'node:fs/promises', message: 'src/core must not touch the file system (inject a reader).' },
        ],
        patterns: [{ group: ['**/system/**', '**/vscode/**'], message: 'src/core may not import outer layers.' }],
      }],
    },
  },
  {
    // system/ and cli/ run without the editor: neither the editor API nor the editor glue (src/vscode).
    files: ['src/system/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/vscode may use the editor API.' }],
        patterns: [{ group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'src/cli and src/system may not import src/vscode (move shared code to src/core or src/system).' }],
      }],
    },
  },
);

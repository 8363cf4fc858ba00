// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'net',
  'http',
  'crypto',
  'child_process',
  'events',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'test-results/**',
      'tests/artifacts/**',
      'bench-results/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
    },
  },
  {
    // Where code runs is enforced: shared/ is pure (no Node, DOM or Electron).
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs everywhere: no Node built-ins.' },
            {
              group: ['electron', 'react', 'react-dom', 'socket.io', 'socket.io-client', 'better-sqlite3'],
              message: 'shared/ is platform-free.',
            },
            { group: ['@giliran/*'], message: 'shared/ imports no other package.' },
          ],
        },
      ],
    },
  },
  {
    // Renderers run in a browser sandbox: no Node, no Electron main process, no hardware.
    files: ['client/src/**/*.ts', 'display/src/**/*.{ts,tsx}', 'kiosk/src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Only the browser-safe keyboard-wedge detector of hardware/ may be used here.
          paths: [
            {
              name: '@giliran/hardware',
              message: 'Renderers reach hardware only through the preload bridge.',
            },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'Renderers run in the browser: no Node built-ins.' },
            {
              group: [
                'electron',
                '@giliran/hardware/*',
                '!@giliran/hardware/wedge',
                '@giliran/server',
                '**/main/**',
                '**/preload/**',
              ],
              message: 'Renderers talk to the main process only through the preload bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'training/',
      'data/',
      'public/models/',
      'reports/',
      'test-results/',
      'playwright-report/',
      'e2e/.artifacts/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Only the UI has React components; elsewhere (Playwright fixtures) `use` is not React's.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // src/core runs in Node and in the worker: keep DOM, React and onnxruntime out of it (src/core/README.md).
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-*', 'onnxruntime-*', 'comlink', '**/app/**', '**/bridge/**', '**/workers/**'] },
      ],
    },
  },
  {
    // Only src/bridge/captioner-client.ts talks to the worker; the UI never touches onnxruntime (src/ort is the
    // InferenceBackend over onnxruntime that the worker and Node share).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/bridge/captioner-client.ts', 'src/core/**', 'src/node/**', 'src/ort/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['comlink', 'onnxruntime-*'] }],
    },
  },
  {
    files: ['*.{js,mjs,ts}', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests feed deliberately malformed values; `any` says so more plainly than a chain of casts.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

// Lint: TypeScript-aware recommended rules plus React hooks rules for the mini-program.
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const reactHooks = require('eslint-plugin-react-hooks')
const globals = require('globals')

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'tools/*/node_modules/',
      'dist/',
      'dist-h5/',
      '.build/',
      '.data/',
      '.artifacts/',
      'coverage/',
      'cloudfunctions/*/index.js',
      'test/native/.build/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    // jest.mock factories load their stand-ins with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)

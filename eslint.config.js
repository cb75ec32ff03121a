import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/sim/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/nlu/**', 'src/knowledge/**', 'src/dialogue/**'],
    rules: {
      // The core is pure: adapters live at the edge and main.ts wires them.
      'no-restricted-imports': ['error', { patterns: ['express', 'axios', 'ioredis', 'bullmq', 'node-cron', '**/http/**', '**/store/redis*', '**/zalo/client*'] }],
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'src/cli/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);

// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'cdktf.out/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      'model/generated/',
      'policies/generated/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `const { a: _a, ...rest } = x` is how the code drops a key; a leading underscore says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    files: ['__tests__/**', 'bench/**'],
    rules: {
      // Tests read synthesized Terraform JSON and SDK payloads, whose shapes are the subject of the test.
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests load modules in isolation (jest.isolateModules) and by computed path.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The few plain JavaScript files (jest's config and reporters) are CommonJS run by Node.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tool configs written as ES modules (StrykerJS's) read the environment.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);

import js from '@eslint/js'
import * as figmaPlugin from '@figma/eslint-plugin-figma-plugins'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'screenshots/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Imports point one way: no module reaches itself again, and the layers below never import
    // the ones above. no-cycle skips type-only imports, which cost nothing at run time.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // The modules an import leads to are parsed as TypeScript too, or no cycle is seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './protocol',
              from: ['./server', './plugin', './ui', './client', './studio'],
              message: 'protocol/ is the shared contract and imports no side of it.',
            },
            {
              // The plugin UI and other browser pages share it, so it leans on none of them.
              target: './client',
              from: ['./ui', './plugin', './server', './studio', './test', './scripts', './bench'],
              message:
                'client/ imports only protocol/: every browser page that talks to the server shares it.',
            },
            {
              target: ['./plugin', './server'],
              from: './client',
              message: 'client/ is for browser pages: plugin/ and server/ never import it.',
            },
            {
              target: './studio',
              from: ['./ui', './plugin', './server'],
              message: 'studio/ talks to the server through client/, like the plugin UI.',
            },
            {
              target: ['./ui', './plugin', './server', './client'],
              from: './studio',
              message: 'Nothing imports the studio page.',
            },
            {
              target: './plugin',
              from: './ui',
              message: 'plugin/ and ui/ never import each other.',
            },
            {
              target: './ui',
              from: './plugin',
              message: 'plugin/ and ui/ never import each other.',
            },
            {
              target: './server/state',
              from: './server/routes',
              message: 'Shared state knows nothing of HTTP routes.',
            },
            {
              target: './server/state',
              from: './server/generation',
              message: 'Shared state knows nothing of generations: generation/ uses state/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    // Config is read in one place (house style): everything else gets it through loadConfig.
    files: ['server/**/*.ts'],
    ignores: ['server/config.ts', 'server/index.ts', 'server/simulator-main.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through loadConfig().' },
      ],
    },
  },
  {
    // Any browser page can bundle client/, so it brings no package along but zod.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.)', message: 'client/ imports only protocol/ and zod.' },
          ],
        },
      ],
    },
  },
  {
    // Figma's own rules (deprecated APIs, sync calls that fail under dynamic-page) on main-thread code.
    files: ['plugin/**/*.ts'],
    plugins: { '@figma/figma-plugins': figmaPlugin },
    rules: { ...figmaPlugin.flatConfigs.recommended.rules },
  }
)

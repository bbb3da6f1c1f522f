/** Jest runs the TypeScript sources as ESM through ts-jest (type checking is `npm run typecheck`). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: [
    '<rootDir>/src/**/*.test.ts',
    '<rootDir>/__tests__/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts'
  ],
  testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
  setupFiles: ['<rootDir>/__fixtures__/setup-env.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.test.ts', '!src/api/generated/**'],
  coverageDirectory: 'coverage',
  coverageReporters: ['text-summary', 'lcov', 'json-summary'],
  testTimeout: 60000
}

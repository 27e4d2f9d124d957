// Jest runs TypeScript through swc (no type checking here: `npm test` runs tsc first).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tools/summary-reporter.js'],
};

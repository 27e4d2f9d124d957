// Jest runs TypeScript through swc (no type checking here: `npm test` runs tsc first).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    // libzstd's WebAssembly package is ESM only: Node 20 requires it natively, jest needs CommonJS.
    'node_modules/@hpcc-js/wasm-zstd/.+\\.js$':
      ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@hpcc-js/wasm-zstd/)'],
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tools/summary-reporter.js'],
};

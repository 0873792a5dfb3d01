// Native ESM: jest runs under `node --experimental-vm-modules`, @swc/jest strips types.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // The production topology has its own command (jest.deployed.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/deployed/'],
  // Builds and the deployed images' folders hold copies of package.json and of the sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test-artifacts/'],
  testTimeout: 30_000,
};

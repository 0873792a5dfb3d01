// `npm run test:deployed`: the production topology (tests/deployed/), apart from `npm test`
// because it needs what .ci/run prepares: Debian's nginx and the names of docker-compose.yml's
// trial certificate pointing at this machine.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/tests/deployed/**/*.test.ts'],
  testPathIgnorePatterns: [],
  testTimeout: 120_000,
};

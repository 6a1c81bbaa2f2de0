/**
 * Jest config for the benchmark only (`npm run bench:capture`). It reuses the
 * root config's transform and setup but matches nothing that `npm test` runs,
 * and `npm test` (whose suites match src/**\/__tests__ and integration-tests)
 * never matches this directory.
 */
const path = require("node:path")
const root = require("../jest.config.js")

module.exports = {
  ...root,
  rootDir: path.resolve(__dirname, ".."),
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
  testMatch: ["<rootDir>/bench/**/*.bench.ts"],
  // One test runs the whole capture; the phases report their own timings.
  testTimeout: 6 * 60 * 60 * 1000,
}

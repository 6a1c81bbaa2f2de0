import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The store that `npm run test:install` creates: a plain Medusa app that
 * installs the packed plugin from npm's point of view and lists it under
 * `plugins`, as a shop owner would.
 *
 * INSTALL_TEST_BAD_OPTION=1 swaps in an invalid option, for the check that a
 * misconfigured plugin stops the boot with the option named.
 */
const abandonedCartAfterMinutes: unknown =
  process.env.INSTALL_TEST_BAD_OPTION === "1" ? "soon" : 30

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "install-test-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "install-test-cookie-secret",
    },
  },
  plugins: [
    {
      resolve: "medusa-marketing-automation",
      options: {
        storefrontUrl: "http://localhost:8000",
        abandonedCartAfterMinutes,
      },
    },
  ],
})

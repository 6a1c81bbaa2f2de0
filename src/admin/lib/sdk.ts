import Medusa from "@medusajs/js-sdk"

/**
 * The admin's session cookie authenticates these requests, so the plugin's
 * pages need no token handling of their own.
 */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: {
    type: "session",
  },
})

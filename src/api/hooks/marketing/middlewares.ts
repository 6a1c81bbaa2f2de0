import { MiddlewareRoute } from "@medusajs/framework/http"

export const emailEventsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/hooks/marketing/email-events/:provider",
    // Signatures are over the exact bytes the provider sent.
    bodyParser: { preserveRawBody: true, sizeLimit: "5mb" },
  },
]

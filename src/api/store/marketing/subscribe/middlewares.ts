import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { StoreSubscribe } from "./validators"

export const storeSubscribeMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/marketing/subscribe",
    middlewares: [validateAndTransformBody(StoreSubscribe)],
  },
]

import { defineMiddlewares } from "@medusajs/framework/http"
import { adminContactsMiddlewares } from "./admin/marketing/contacts/middlewares"
import { storeSubscribeMiddlewares } from "./store/marketing/subscribe/middlewares"

export default defineMiddlewares({
  routes: [...adminContactsMiddlewares, ...storeSubscribeMiddlewares],
})

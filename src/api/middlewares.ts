import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBackfillMiddlewares } from "./admin/marketing/backfill/middlewares"
import { adminContactsMiddlewares } from "./admin/marketing/contacts/middlewares"
import { adminTemplatesMiddlewares } from "./admin/marketing/templates/middlewares"
import { storeSubscribeMiddlewares } from "./store/marketing/subscribe/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminBackfillMiddlewares,
    ...adminContactsMiddlewares,
    ...adminTemplatesMiddlewares,
    ...storeSubscribeMiddlewares],
})

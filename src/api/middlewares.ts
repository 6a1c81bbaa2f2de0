import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBackfillMiddlewares } from "./admin/marketing/backfill/middlewares"
import { adminCampaignsMiddlewares } from "./admin/marketing/campaigns/middlewares"
import { adminContactsMiddlewares } from "./admin/marketing/contacts/middlewares"
import { adminLeadScoreRulesMiddlewares } from "./admin/marketing/lead-score-rules/middlewares"
import { adminScoresMiddlewares } from "./admin/marketing/scores/middlewares"
import { adminTemplatesMiddlewares } from "./admin/marketing/templates/middlewares"
import { adminMessagesMiddlewares } from "./admin/marketing/messages/middlewares"
import { adminOverviewMiddlewares } from "./admin/marketing/overview/middlewares"
import { adminResultsMiddlewares } from "./admin/marketing/results/middlewares"
import { adminSegmentsMiddlewares } from "./admin/marketing/segments/middlewares"
import { adminFlowsMiddlewares } from "./admin/marketing/flows/middlewares"
import { adminSettingsMiddlewares } from "./admin/marketing/settings/middlewares"
import { adminSuppressionsMiddlewares } from "./admin/marketing/suppressions/middlewares"
import { emailEventsMiddlewares } from "./hooks/marketing/middlewares"
import { storeSubscribeMiddlewares } from "./store/marketing/subscribe/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminBackfillMiddlewares,
    ...adminCampaignsMiddlewares,
    ...adminContactsMiddlewares,
    ...adminTemplatesMiddlewares,
    ...adminMessagesMiddlewares,
    ...adminSettingsMiddlewares,
    ...adminSegmentsMiddlewares,
    ...adminFlowsMiddlewares,
    ...adminSuppressionsMiddlewares,
    ...adminLeadScoreRulesMiddlewares,
    ...adminScoresMiddlewares,
    ...adminResultsMiddlewares,
    ...adminOverviewMiddlewares,
    ...storeSubscribeMiddlewares,
    ...emailEventsMiddlewares,
  ],
})

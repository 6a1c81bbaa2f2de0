import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createCampaignWorkflow, readCampaignTotals } from "../../../../workflows/campaigns"
import { marketingModule, refetchCampaign } from "./helpers"
import { AdminCreateCampaignType, AdminGetCampaignsParamsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetCampaignsParamsType>,
  res: MedusaResponse
) => {
  const { q, status } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (q) {
    filters.q = q
  }
  if (status) {
    filters.status = status
  }
  const { skip, take, order } = req.queryConfig.pagination
  const [campaigns, count] = await marketingModule(req).listAndCountCampaigns(filters, {
    select: req.queryConfig.fields,
    skip,
    take,
    // Campaigns created together share a created_at: the id keeps pages stable.
    order: { ...order, id: order?.id ?? "DESC" },
  })
  // Totals over every message each campaign sent, so a list shows what each earned without a request per row.
  const totals = await readCampaignTotals(
    marketingModule(req),
    campaigns.flatMap((campaign) => (campaign.id ? [campaign.id] : []))
  )
  res.json({
    campaigns: campaigns.map((campaign) => ({ ...campaign, results: totals.get(campaign.id) })),
    count,
    limit: take,
    offset: skip,
  })
}

/** Creates a draft; unknown templates or segments answer 400 naming the field. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateCampaignType>, res: MedusaResponse) => {
  const { result } = await createCampaignWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ campaign: await refetchCampaign(req, result.id) })
}

import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findFlowReferences, parseFlowDefinition } from "../../../lib/flows"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

const service = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService

const sendsTemplate = (definition: unknown, id: string) => {
  const parsed = parseFlowDefinition(definition)
  return parsed.ok && findFlowReferences(parsed.definition).some((ref) => ref.kind === "template" && ref.id === id)
}

/**
 * What would break without the template: a flow that is not archived and
 * sends it (in its draft or any published version, which waiting runs may
 * still be on), a campaign not yet sent, an email waiting in the outbox,
 * and the double opt-in confirmation, which every sign-up needs.
 */
async function assertUnused(container: { resolve: (key: string) => unknown }, id: string) {
  const marketing = service(container)
  const template = await marketing.retrieveTemplate(id, { select: ["id", "starter_key"] })
  if (template.starter_key === "double_opt_in") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "this template is the subscription confirmation double opt-in sends; edit it instead"
    )
  }
  const flows = await marketing.listFlows(
    { status: ["draft", "active", "paused"] },
    { select: ["id", "name", "definition"] }
  )
  const versions = flows.length
    ? await marketing.listFlowVersions({ flow_id: flows.map((flow) => flow.id) }, { select: ["flow_id", "definition"] })
    : []
  const flowUsers = flows.filter(
    (flow) =>
      sendsTemplate(flow.definition, id) ||
      versions.some((version) => version.flow_id === flow.id && sendsTemplate(version.definition, id))
  )
  const campaigns = await marketing.listCampaigns(
    { status: ["draft", "scheduled", "sending"] },
    { select: ["id", "name", "template_id", "ab_test"] }
  )
  // A/B variants may send a template of their own.
  const campaignUsers = campaigns.filter((campaign) => {
    const variants = (campaign.ab_test as { variants?: { template_id?: string | null }[] } | null)?.variants ?? []
    return campaign.template_id === id || variants.some((variant) => variant.template_id === id)
  })
  const users = [...flowUsers.map((f) => `flow "${f.name}"`), ...campaignUsers.map((c) => `campaign "${c.name}"`)]
  if (users.length) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `this template is used by ${users.join(", ")}; change them first`)
  }
  const templateVersions = await marketing.listTemplateVersions({ template_id: id }, { select: ["id"] })
  const [, waiting] = templateVersions.length
    ? await marketing.listAndCountMessages(
        { template_version_id: templateVersions.map((version) => version.id), status: ["queued", "sending"] },
        { select: ["id"], take: 1 }
      )
    : [[], 0]
  if (waiting) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `this template has ${waiting} email${waiting === 1 ? "" : "s"} waiting to go out; delete it once they are sent`
    )
  }
}

/**
 * Deletes a template that nothing needs any more. Its versions stay, so the
 * messages sent from it keep their history; compensation restores it.
 */
export const deleteTemplateStep = createStep(
  "delete-template",
  async (id: string, { container }) => {
    await assertUnused(container, id)
    const deleted = await service(container).softDeleteTemplateKeepingVersions(id)
    return new StepResponse(id, deleted ? id : null)
  },
  async (id, { container }) => {
    if (id) {
      await service(container).restoreTemplateKeepingVersions(id)
    }
  }
)

import { MedusaContainer } from "@medusajs/framework/types"
import { PLAYBOOKS } from "../../lib/flows/playbooks"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { createSegmentWorkflow } from "../segments/workflows"
import { installStarterTemplates } from "../templates"
import { createFlowWorkflow } from "./workflows"

export const AT_RISK_SEGMENT_NAME = "At risk customers"

const isDuplicate = (error: unknown) => /unique|already exists/i.test((error as Error).message)

/**
 * Gives a store the playbooks as draft flows, with the starter templates
 * they send and the "At risk" segment at-risk rescue listens to. A playbook
 * already installed (kept, edited or archived) is left alone; the unique
 * playbook key stops two instances booting together from installing one
 * twice.
 */
export async function installPlaybooks(container: MedusaContainer): Promise<Map<string, string>> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const installed = async () =>
    new Map(
      (await marketing.listFlows({ playbook_key: PLAYBOOKS.map((p) => p.key) }, { select: ["id", "playbook_key"], withDeleted: true })).map(
        (flow) => [flow.playbook_key as string, flow.id]
      )
    )
  const existing = await installed()
  const missing = PLAYBOOKS.filter((playbook) => !existing.has(playbook.key))
  if (!missing.length) {
    return existing
  }
  const templates = Object.fromEntries(await installStarterTemplates(container))
  let [atRisk] = await marketing.listSegments({ name: AT_RISK_SEGMENT_NAME }, { select: ["id"] })
  if (!atRisk && missing.some((playbook) => playbook.key === "at_risk_rescue")) {
    try {
      const { result } = await createSegmentWorkflow(container).run({
        input: {
          name: AT_RISK_SEGMENT_NAME,
          description: "Customers who used to buy often and well but have not lately (RFM group At risk).",
          rules: { type: "field", field: "rfm_segment", operator: "eq", value: "at_risk" },
        },
      })
      atRisk = result
    } catch (error) {
      // Another instance booting at the same time created it first.
      if (!isDuplicate(error)) {
        throw error
      }
      ;[atRisk] = await marketing.listSegments({ name: AT_RISK_SEGMENT_NAME }, { select: ["id"] })
    }
  }
  for (const playbook of missing) {
    try {
      await createFlowWorkflow(container).run({
        input: {
          name: playbook.name,
          description: playbook.description,
          playbook_key: playbook.key,
          definition: playbook.definition({ templates, atRiskSegmentId: atRisk?.id ?? "" }),
        },
      })
    } catch (error) {
      if (!isDuplicate(error)) {
        throw error
      }
    }
  }
  return await installed()
}

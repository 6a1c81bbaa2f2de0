import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { STARTER_TEMPLATES } from "../../lib/templates/starters"
import { createTemplateWorkflow } from "./workflows/create-template"

/** The preference topic each starter's messages belong to. */
const STARTER_TOPICS: Record<string, string | null> = {
  abandoned_cart: "reminders",
  new_arrivals: "newsletter",
  win_back: "offers",
  birthday: "offers",
}

/**
 * Installs the starter templates a store does not have yet, and returns the
 * ids of the wanted ones by key. A starter the merchant edited is left as it
 * is, and one they deleted stays deleted. The unique starter key keeps two
 * instances booting together from installing one twice.
 */
export async function installStarterTemplates(
  container: MedusaContainer,
  keys: string[] = STARTER_TEMPLATES.map((s) => s.key)
): Promise<Map<string, string>> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const existing = async () => {
    const rows = await marketing.listTemplates(
      { starter_key: keys },
      { select: ["id", "starter_key", "deleted_at"], withDeleted: true }
    )
    // A live template wins over a deleted one with the same key.
    const ordered = [...rows].sort((a, b) => Number(!a.deleted_at) - Number(!b.deleted_at))
    return new Map(ordered.map((t) => [t.starter_key as string, t.id]))
  }
  const installed = await existing()
  const missing = STARTER_TEMPLATES.filter((s) => keys.includes(s.key) && !installed.has(s.key))
  for (const starter of missing) {
    try {
      await createTemplateWorkflow(container).run({
        input: {
          name: starter.name,
          description: starter.description,
          transactional: starter.transactional,
          topic: STARTER_TOPICS[starter.key] ?? null,
          starter_key: starter.key,
          content: { subject: starter.subject, preheader: starter.preheader, mjml: starter.mjml },
        },
      })
    } catch (error) {
      // Another instance installed it first; the re-read below finds theirs.
      if (!/unique|already exists/i.test((error as Error).message)) {
        throw error
      }
    }
  }
  return missing.length ? await existing() : installed
}

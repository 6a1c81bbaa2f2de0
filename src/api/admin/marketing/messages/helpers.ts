import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"

export type TemplateRef = { id: string; name: string; version: number }

/** The template and version number behind each version id, for display. */
export async function templatesByVersion(
  container: MedusaContainer,
  versionIds: string[]
): Promise<Map<string, TemplateRef>> {
  if (!versionIds.length) {
    return new Map()
  }
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const versions = await marketing.listTemplateVersions(
    { id: [...new Set(versionIds)] },
    // A deleted template's messages still name it.
    { relations: ["template"], select: ["id", "version", "template.id", "template.name"], withDeleted: true }
  )
  return new Map(versions.map((v) => [v.id, { id: v.template.id, name: v.template.name, version: v.version }]))
}

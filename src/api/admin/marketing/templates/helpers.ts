import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

export const VERSION_FIELDS = [
  "id",
  "version",
  "subject",
  "preheader",
  "mjml",
  "text",
  "from_name",
  "from_email",
  "reply_to",
  "compiled_html",
  "created_at",
]

/** A template with its versions, newest first. */
export async function refetchTemplate(container: MedusaContainer, id: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [template],
  } = await query.graph({
    entity: "template",
    fields: [
      "id",
      "name",
      "description",
      "transactional",
      "topic",
      "starter_key",
      "latest_version",
      "created_at",
      "updated_at",
      ...VERSION_FIELDS.map((field) => `versions.${field}`),
    ],
    filters: { id },
  })
  if (!template) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Template with id: ${id} was not found`)
  }
  template.versions = [...(template.versions ?? [])].sort(
    (a: any, b: any) => b.version - a.version
  )
  return template
}

import { useDeleteTemplate } from "../../hooks/api/templates"
import { useConfirmedDelete } from "../../hooks/use-confirmed-delete"
import type { TemplateWithVersions } from "../../lib/types"

/**
 * Deletes the template after the merchant confirms. The server refuses
 * while a flow, an unsent campaign or a waiting email still needs it, and
 * names them.
 */
export const useDeleteTemplateWithConfirmation = (template: TemplateWithVersions) => {
  const { mutateAsync, isPending } = useDeleteTemplate(template.id)
  const remove = useConfirmedDelete({
    noun: "template",
    name: template.name,
    description: () =>
      `“${template.name}” can no longer be chosen for flows and campaigns. Emails already sent from it keep their history.`,
    listPath: "/marketing/templates",
    remove: () => mutateAsync(),
  })
  return { remove, isDeleting: isPending }
}

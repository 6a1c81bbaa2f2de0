import { toast, usePrompt } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { useDeleteTemplate } from "../../hooks/api/templates"
import type { TemplateWithVersions } from "../../lib/types"
import { LEAVE_WITHOUT_ASKING } from "../unsaved-changes-guard"

/**
 * Deletes the template after the merchant confirms. The server refuses
 * while a flow, an unsent campaign or a waiting email still needs it, and
 * names them; that answer is shown as it is.
 */
export const useDeleteTemplateWithConfirmation = (template: TemplateWithVersions) => {
  const navigate = useNavigate()
  const prompt = usePrompt()
  const { mutateAsync, isPending } = useDeleteTemplate(template.id)

  const remove = async () => {
    const confirmed = await prompt({
      title: "Delete template?",
      description: `“${template.name}” can no longer be chosen for flows and campaigns. Emails already sent from it keep their history.`,
      confirmText: "Delete",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      await mutateAsync()
      toast.success("Template deleted", { description: template.name })
      navigate("/marketing/templates", { state: LEAVE_WITHOUT_ASKING })
    } catch (error) {
      toast.error("The template was not deleted", { description: (error as Error).message })
    }
  }

  return { remove, isDeleting: isPending }
}

import { toast, usePrompt } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { LEAVE_WITHOUT_ASKING } from "../components/unsaved-changes-guard"

type ConfirmedDelete = {
  /** "segment", "template", "flow", "rule": in the prompt's title and the toasts. */
  noun: string
  /** The thing's name, under the toasts' titles. */
  name: string
  /** What deleting does, in the prompt. */
  description: () => string
  /** The list page to return to once it is gone; without one, the page stays. */
  listPath?: string
  remove: () => Promise<unknown>
}

/**
 * Deletes a thing after the merchant confirms, then returns to its list when
 * deleted from its own page. A refusal (the server names what still needs
 * it) is shown as it is, and the page stays.
 */
export const useConfirmedDelete = ({ noun, name, description, listPath, remove }: ConfirmedDelete) => {
  const prompt = usePrompt()
  const navigate = useNavigate()
  const title = noun.charAt(0).toUpperCase() + noun.slice(1)

  return async () => {
    const confirmed = await prompt({
      title: `Delete ${noun}?`,
      description: description(),
      confirmText: "Delete",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      await remove()
      toast.success(`${title} deleted`, { description: name })
      if (listPath) {
        navigate(listPath, { state: LEAVE_WITHOUT_ASKING })
      }
    } catch (error) {
      toast.error(`The ${noun} was not deleted`, { description: (error as Error).message })
    }
  }
}

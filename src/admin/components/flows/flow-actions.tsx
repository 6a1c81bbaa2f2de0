import { ArchiveBox, Pause, PlaySolid, Trash } from "@medusajs/icons"
import { Button, toast, usePrompt } from "@medusajs/ui"
import { useDeleteFlow, useFlowAction, type FlowAction } from "../../hooks/api/flows"
import { useConfirmedDelete } from "../../hooks/use-confirmed-delete"
import type { FlowWithCounts } from "../../lib/flow-types"

type FlowActionsProps = {
  flow: FlowWithCounts
  isDirty: boolean
  /** Saves unsaved changes; false when the server refused them. */
  save: () => Promise<boolean>
  /** The server's refusal to activate, to mark on the canvas. */
  onRefused: (message: string) => void
}

const CONFIRMATIONS: Record<FlowAction, { title: string; description: string; confirmText: string; done: string }> = {
  activate: {
    title: "Activate flow?",
    description: "Contacts enter from now on when the trigger happens, and its emails go out.",
    confirmText: "Activate",
    done: "Flow activated",
  },
  pause: {
    title: "Pause flow?",
    description: "No one enters while it is paused; runs wait where they are until it is active again.",
    confirmText: "Pause",
    done: "Flow paused",
  },
  archive: {
    title: "Archive flow?",
    description: "No one enters any more, and running runs end with nothing more sent. This cannot be undone.",
    confirmText: "Archive",
    done: "Flow archived",
  },
}

/** Activate, pause, archive and delete, each after confirming. */
export const FlowActions = ({ flow, isDirty, save, onRefused }: FlowActionsProps) => {
  const prompt = usePrompt()
  const action = useFlowAction(flow.id)
  const remove = useDeleteFlow(flow.id)

  const run = async (kind: FlowAction) => {
    const confirmation = CONFIRMATIONS[kind]
    const confirmed = await prompt({
      title: confirmation.title,
      description:
        kind === "activate" && isDirty
          ? `${confirmation.description} Your unsaved changes are saved first.`
          : confirmation.description,
      confirmText: confirmation.confirmText,
      cancelText: "Cancel",
      variant: kind === "archive" ? "danger" : "confirmation",
    })
    if (!confirmed) return
    if (kind === "activate" && isDirty && !(await save())) return
    try {
      await action.mutateAsync(kind)
      toast.success(confirmation.done, { description: flow.name })
    } catch (error) {
      const message = (error as Error).message
      if (kind === "activate") onRefused(message)
      toast.error(kind === "activate" ? "The flow was not activated" : "The flow was not changed", {
        description: message,
      })
    }
  }

  const deleteFlow = useConfirmedDelete({
    noun: "flow",
    name: flow.name,
    description: () => `“${flow.name}” and its history are deleted.`,
    listPath: "/marketing/flows",
    remove: () => remove.mutateAsync(),
  })

  const busy = action.isPending || remove.isPending
  return (
    <>
      {(flow.status === "draft" || flow.status === "archived") && (
        <Button size="small" variant="secondary" onClick={deleteFlow} disabled={busy} data-testid="flow-delete">
          <Trash />
          Delete
        </Button>
      )}
      {(flow.status === "active" || flow.status === "paused") && (
        <Button size="small" variant="secondary" onClick={() => run("archive")} disabled={busy} data-testid="flow-archive">
          <ArchiveBox />
          Archive
        </Button>
      )}
      {flow.status === "active" && (
        <Button size="small" variant="secondary" onClick={() => run("pause")} disabled={busy} data-testid="flow-pause">
          <Pause />
          Pause
        </Button>
      )}
      {(flow.status === "draft" || flow.status === "paused") && (
        <Button
          size="small"
          variant="secondary"
          onClick={() => run("activate")}
          isLoading={action.isPending && action.variables === "activate"}
          disabled={busy}
          data-testid="flow-activate"
        >
          <PlaySolid />
          {flow.status === "paused" ? "Resume" : "Activate"}
        </Button>
      )}
    </>
  )
}

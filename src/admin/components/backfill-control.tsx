import { Button, Text, toast } from "@medusajs/ui"
import { useBackfill, useStartBackfill } from "../hooks/api/backfill"
import { pluralize } from "../lib/format"
import type { Backfill } from "../lib/types"

const importedSummary = (progress: Backfill["progress"]) => {
  const customers = pluralize(progress?.customers ?? 0, "customer", "customers")
  const orders = pluralize(progress?.orders ?? 0, "order", "orders")
  return `Imported ${customers} and ${orders}`
}

const describeBackfill = (backfill: Backfill): string | null => {
  switch (backfill.status) {
    case "running":
      return `${importedSummary(backfill.progress)}…`
    case "completed":
      return `Import finished. ${importedSummary(backfill.progress)}.`
    case "failed":
      return `Import failed: ${backfill.error || "unknown error"}`
    default:
      return null
  }
}

const STATUS_COLORS: Record<Backfill["status"], string> = {
  idle: "text-ui-fg-subtle",
  running: "text-ui-fg-subtle",
  completed: "text-ui-fg-subtle",
  failed: "text-ui-fg-error",
}

/**
 * Imports the store's existing customers and orders as contacts, then
 * follows the run until it finishes.
 */
export const BackfillControl = () => {
  const { backfill, isPending } = useBackfill()
  const { mutate: startBackfill, isPending: isStarting } = useStartBackfill()

  const isRunning = backfill?.status === "running"
  const statusText = backfill ? describeBackfill(backfill) : null

  const handleClick = () => {
    startBackfill(undefined, {
      onSuccess: () => {
        toast.info("Import started", {
          description: "Existing customers and orders are being imported.",
        })
      },
      onError: (error) => {
        toast.error("Could not start the import", {
          description: error.message,
        })
      },
    })
  }

  return (
    <div className="flex flex-col items-end gap-y-1">
      <Button
        size="small"
        variant="secondary"
        onClick={handleClick}
        isLoading={isStarting || isRunning}
        disabled={isPending || isStarting || isRunning}
        data-testid="backfill-button"
      >
        Import existing customers
      </Button>
      {/* Always mounted so screen readers announce progress as it changes. */}
      <Text
        size="small"
        leading="compact"
        className={STATUS_COLORS[backfill?.status ?? "idle"]}
        role="status"
        aria-live="polite"
        data-testid="backfill-status"
        data-status={backfill?.status ?? "unknown"}
      >
        {statusText}
      </Text>
    </div>
  )
}

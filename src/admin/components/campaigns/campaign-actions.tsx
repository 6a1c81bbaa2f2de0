import { PaperPlane, PencilSquare, Trash, XCircle } from "@medusajs/icons"
import { Button, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useCancelCampaign, useDeleteCampaign } from "../../hooks/api/campaigns"
import type { WizardStep } from "../../lib/campaign-issues"
import { campaignCan } from "../../lib/campaign-status"
import type { Campaign } from "../../lib/campaign-types"
import { pluralize } from "../../lib/format"
import { CampaignWizard } from "./campaign-wizard"

const CANCEL_DESCRIPTIONS: Partial<Record<Campaign["status"], string>> = {
  scheduled: "Nothing is sent. A cancelled campaign cannot be scheduled again; its settings stay here to read.",
  sending:
    "Emails already sent stay sent; the ones still waiting to go out are skipped. A cancelled campaign cannot be resumed.",
}

/** Edit, schedule or send, cancel and delete, as far as the campaign's status allows, each destructive one after confirming. */
export const CampaignActions = ({ campaign }: { campaign: Campaign }) => {
  const prompt = usePrompt()
  const navigate = useNavigate()
  const cancel = useCancelCampaign(campaign.id)
  const remove = useDeleteCampaign(campaign.id)
  const [wizardStep, setWizardStep] = useState<WizardStep | null>(null)

  const cancelCampaign = async () => {
    const confirmed = await prompt({
      title: "Cancel campaign?",
      description: `“${campaign.name}”: ${CANCEL_DESCRIPTIONS[campaign.status] ?? ""}`,
      confirmText: "Cancel campaign",
      cancelText: "Keep it",
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      const { skipped } = await cancel.mutateAsync()
      toast.success("Campaign cancelled", {
        description: skipped ? `${pluralize(skipped, "queued email", "queued emails")} will not go out.` : campaign.name,
      })
    } catch (error) {
      toast.error("The campaign was not cancelled", { description: (error as Error).message })
    }
  }

  const deleteCampaign = async () => {
    const confirmed = await prompt({
      title: "Delete draft?",
      description: `“${campaign.name}” is deleted.`,
      confirmText: "Delete",
      cancelText: "Keep it",
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      await remove.mutateAsync()
      toast.success("Draft deleted", { description: campaign.name })
      navigate("/marketing/campaigns")
    } catch (error) {
      toast.error("The draft was not deleted", { description: (error as Error).message })
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {campaignCan(campaign.status, "delete") && (
        <Button
          size="small"
          variant="secondary"
          onClick={() => void deleteCampaign()}
          isLoading={remove.isPending}
          data-testid="campaign-delete"
        >
          <Trash />
          Delete
        </Button>
      )}
      {campaignCan(campaign.status, "cancel") && (
        <Button
          size="small"
          variant="secondary"
          onClick={() => void cancelCampaign()}
          isLoading={cancel.isPending}
          data-testid="campaign-cancel"
        >
          <XCircle />
          Cancel campaign
        </Button>
      )}
      {campaignCan(campaign.status, "edit") && (
        <Button size="small" variant="secondary" onClick={() => setWizardStep("audience")} data-testid="campaign-edit">
          <PencilSquare />
          Edit
        </Button>
      )}
      {campaignCan(campaign.status, "schedule") && (
        <Button size="small" onClick={() => setWizardStep("schedule")} data-testid="campaign-schedule">
          <PaperPlane />
          {campaign.status === "draft" ? "Schedule or send" : "Reschedule or send now"}
        </Button>
      )}
      <CampaignWizard
        open={wizardStep !== null}
        onOpenChange={(open) => !open && setWizardStep(null)}
        campaign={campaign}
        initialStep={wizardStep ?? undefined}
      />
    </div>
  )
}

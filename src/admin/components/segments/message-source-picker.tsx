import { Select } from "@medusajs/ui"
import { useCampaigns } from "../../hooks/api/campaigns"
import { useFlows } from "../../hooks/api/flows"
import { CAMPAIGN_STATUS_LABELS } from "../../lib/campaign-status"
import { FLOW_STATUS_LABELS } from "../../lib/flow-status"
import { sourceLabels } from "../../lib/source-labels"

/** Enough for a store's flows and recent campaigns; an older one still shows once chosen. */
const OPTIONS = 200

type MessageSourcePickerProps = {
  kind: "flow" | "campaign"
  value: string
  onChange: (id: string) => void
}

/**
 * The flow or campaign a "was sent a message from" condition names, chosen
 * by name. An id the lists do not hold (deleted, or beyond the first page)
 * still shows, by its id.
 */
export const MessageSourcePicker = ({ kind, value, onChange }: MessageSourcePickerProps) => {
  const flows = useFlows({ limit: OPTIONS, offset: 0, order: "name" }, { enabled: kind === "flow" })
  const campaigns = useCampaigns({ limit: OPTIONS, offset: 0, order: "-created_at" }, { enabled: kind === "campaign" })
  const { isPending } = kind === "flow" ? flows : campaigns
  const options = sourceLabels(
    kind === "flow"
      ? (flows.flows ?? []).map((flow) => ({ ...flow, status: FLOW_STATUS_LABELS[flow.status] }))
      : (campaigns.campaigns ?? []).map((campaign) => ({ ...campaign, status: CAMPAIGN_STATUS_LABELS[campaign.status] }))
  )
  const unknown = value && !isPending && !options.some((option) => option.id === value) ? value : null
  const noun = kind === "flow" ? "flow" : "campaign"

  return (
    <Select size="small" value={value || undefined} onValueChange={onChange} disabled={isPending}>
      <Select.Trigger className="w-56" aria-label={kind === "flow" ? "Flow" : "Campaign"} data-testid="received-reason-id">
        <Select.Value placeholder={isPending ? `Loading ${noun}s…` : `Choose a ${noun}`} />
      </Select.Trigger>
      <Select.Content>
        {options.map((option) => (
          <Select.Item key={option.id} value={option.id}>
            {option.label}
          </Select.Item>
        ))}
        {unknown && <Select.Item value={unknown}>Deleted {noun} ({unknown})</Select.Item>}
      </Select.Content>
    </Select>
  )
}

import { Input } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import { isProblem, parseNumber, parseWhole } from "../../lib/settings-input"
import type { MarketingSettings } from "../../lib/types"
import { FormField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const DeliverySection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm({
    title: "Delivery",
    settings,
    read: ({ send_rate_per_second, soft_bounce_limit }) => ({
      rate: String(send_rate_per_second),
      bounces: String(soft_bounce_limit),
    }),
    toPatch: (value) => {
      const rate = parseNumber(value.rate, "Emails per second")
      const bounces = parseWhole(value.bounces, "Soft bounces in a row")
      if (isProblem(rate)) return rate
      if (isProblem(bounces)) return bounces
      return { send_rate_per_second: rate, soft_bounce_limit: bounces }
    },
  })

  return (
    <SettingsSection
      id="delivery"
      title="Delivery"
      description="How fast email goes out, and when an address that keeps failing stops getting it."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField
          id="send-rate"
          label="Emails per second"
          hint="Stay under your email provider's limit; a big campaign then takes longer but is not throttled or refused."
        >
          <Input
            id="send-rate"
            type="number"
            min={0.1}
            max={10000}
            step="any"
            value={form.value.rate}
            onChange={(event) => form.change({ rate: event.target.value })}
            data-testid="send-rate"
          />
        </FormField>
        <FormField
          id="soft-bounce-limit"
          label="Soft bounces in a row"
          hint="A temporary failure (full mailbox, server down) this many times in a row puts the address on the suppression list. A hard bounce or spam complaint does so at once."
        >
          <Input
            id="soft-bounce-limit"
            type="number"
            min={1}
            max={50}
            step={1}
            value={form.value.bounces}
            onChange={(event) => form.change({ bounces: event.target.value })}
            data-testid="soft-bounce-limit"
          />
        </FormField>
      </div>
    </SettingsSection>
  )
}

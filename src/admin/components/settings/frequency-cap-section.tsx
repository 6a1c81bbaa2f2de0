import { Input } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import { isProblem, parseWhole } from "../../lib/settings-input"
import type { MarketingSettings } from "../../lib/types"
import { FormField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const FrequencyCapSection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm({
    title: "Frequency cap",
    settings,
    read: ({ frequency_cap }) => ({
      max_messages: String(frequency_cap.max_messages),
      window_hours: String(frequency_cap.window_hours),
    }),
    toPatch: (value) => {
      const max = parseWhole(value.max_messages, "Emails at most")
      const hours = parseWhole(value.window_hours, "Within hours")
      if (isProblem(max)) return max
      if (isProblem(hours)) return hours
      return { frequency_cap: { max_messages: max, window_hours: hours } }
    },
  })

  const max = Number(form.value.max_messages)

  return (
    <SettingsSection
      id="frequency-cap"
      title="Frequency cap"
      description="Keeps one person from getting too many marketing emails at once, for example a welcome email and an abandoned-cart reminder in the same hour. An email over the cap is skipped, not delayed. Transactional emails do not count."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField
          id="frequency-max"
          label="Emails at most"
          hint="0 turns the cap off."
        >
          <Input
            id="frequency-max"
            type="number"
            min={0}
            max={100}
            step={1}
            value={form.value.max_messages}
            onChange={(event) =>
              form.change({ max_messages: event.target.value })
            }
            data-testid="frequency-max"
          />
        </FormField>
        <FormField
          id="frequency-window"
          label="Within hours"
          hint="The period the cap counts over, e.g. 16 or 24."
        >
          <Input
            id="frequency-window"
            type="number"
            min={1}
            max={720}
            step={1}
            value={form.value.window_hours}
            onChange={(event) =>
              form.change({ window_hours: event.target.value })
            }
            disabled={max === 0}
            data-testid="frequency-window"
          />
        </FormField>
      </div>
    </SettingsSection>
  )
}

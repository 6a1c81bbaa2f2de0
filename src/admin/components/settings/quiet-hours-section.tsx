import { Input } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import type { MarketingSettings } from "../../lib/types"
import { FormField, SwitchField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const QuietHoursSection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm({
    title: "Quiet hours",
    settings,
    read: ({ quiet_hours }) => ({ ...quiet_hours }),
    // Sent as typed: the server checks the format and names the field.
    toPatch: (value) => ({
      quiet_hours: {
        enabled: value.enabled,
        start: value.start.trim(),
        end: value.end.trim(),
      },
    }),
  })

  return (
    <SettingsSection
      id="quiet-hours"
      title="Quiet hours"
      description="Marketing emails due at night wait until the quiet hours end, in each contact's own time zone (UTC when it is unknown). Nothing is dropped. Transactional emails are not held back."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <SwitchField
        id="quiet-hours-enabled"
        label="Hold emails during quiet hours"
        description="Off sends marketing emails at any time of day."
        checked={form.value.enabled}
        onCheckedChange={(enabled) => form.change({ enabled })}
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField
          id="quiet-hours-start"
          label="Start"
          hint="24-hour time as HH:MM, e.g. 21:00."
        >
          <Input
            id="quiet-hours-start"
            value={form.value.start}
            placeholder="21:00"
            inputMode="numeric"
            maxLength={5}
            onChange={(event) => form.change({ start: event.target.value })}
            disabled={!form.value.enabled}
            data-testid="quiet-hours-start"
          />
        </FormField>
        <FormField
          id="quiet-hours-end"
          label="End"
          hint="An end before the start means the next morning."
        >
          <Input
            id="quiet-hours-end"
            value={form.value.end}
            placeholder="08:00"
            inputMode="numeric"
            maxLength={5}
            onChange={(event) => form.change({ end: event.target.value })}
            disabled={!form.value.enabled}
            data-testid="quiet-hours-end"
          />
        </FormField>
      </div>
    </SettingsSection>
  )
}

import { Input } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import { isProblem, parseWhole } from "../../lib/settings-input"
import type { MarketingSettings } from "../../lib/types"
import { FormField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const AttributionSection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm({
    title: "Revenue attribution",
    settings,
    read: ({ attribution }) => ({
      click_window_days: String(attribution.click_window_days),
      open_window_days: String(attribution.open_window_days),
    }),
    toPatch: (value) => {
      const click = parseWhole(value.click_window_days, "Click window")
      const open = parseWhole(value.open_window_days, "Open window")
      if (isProblem(click)) return click
      if (isProblem(open)) return open
      return {
        attribution: { click_window_days: click, open_window_days: open },
      }
    },
  })

  return (
    <SettingsSection
      id="attribution"
      title="Revenue attribution"
      description="Which orders count as earned by an email. An order goes to the email its buyer last clicked within the click window; without a click, to the email they last opened within the open window. Opens by privacy proxies and scanners never count, nor do transactional emails."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField
          id="attribution-click-window"
          label="Click window (days)"
          hint="1 to 90 days after a click."
        >
          <Input
            id="attribution-click-window"
            type="number"
            min={1}
            max={90}
            step={1}
            value={form.value.click_window_days}
            onChange={(event) =>
              form.change({ click_window_days: event.target.value })
            }
            data-testid="attribution-click-window"
          />
        </FormField>
        <FormField
          id="attribution-open-window"
          label="Open window (days)"
          hint="0 to 30 days after an open; 0 counts clicks only."
        >
          <Input
            id="attribution-open-window"
            type="number"
            min={0}
            max={30}
            step={1}
            value={form.value.open_window_days}
            onChange={(event) =>
              form.change({ open_window_days: event.target.value })
            }
            data-testid="attribution-open-window"
          />
        </FormField>
      </div>
    </SettingsSection>
  )
}

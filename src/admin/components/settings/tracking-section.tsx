import { Input } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import type { MarketingSettings } from "../../lib/types"
import { FormField, SwitchField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const TrackingSection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm({
    title: "Tracking",
    settings,
    read: ({ tracking, utm }) => ({
      opens: tracking.opens,
      clicks: tracking.clicks,
      utm_enabled: utm.enabled,
      source: utm.source,
      medium: utm.medium,
    }),
    toPatch: (value) => ({
      tracking: { opens: value.opens, clicks: value.clicks },
      utm: {
        enabled: value.utm_enabled,
        source: value.source.trim(),
        medium: value.medium.trim(),
      },
    }),
  })

  return (
    <SettingsSection
      id="tracking"
      title="Tracking"
      description="How you learn what people do with your emails."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <SwitchField
        id="tracking-opens"
        label="Track opens"
        description="Adds an invisible image that reports when an email is opened. Some mail apps load images for privacy reasons before anyone reads; those opens are marked as machine opens."
        checked={form.value.opens}
        onCheckedChange={(opens) => form.change({ opens })}
      />
      <SwitchField
        id="tracking-clicks"
        label="Track clicks"
        description="Links go through your store's server first, which records the click and forwards the person at once."
        checked={form.value.clicks}
        onCheckedChange={(clicks) => form.change({ clicks })}
      />
      <SwitchField
        id="tracking-utm"
        label="Add UTM parameters"
        description="Tags links to your store so your analytics credit visits and sales to email; utm_campaign says what sent the email, such as a flow or a campaign."
        checked={form.value.utm_enabled}
        onCheckedChange={(utm_enabled) => form.change({ utm_enabled })}
      />
      {form.value.utm_enabled && (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <FormField id="utm-source" label="utm_source" hint="Usually “newsletter”.">
            <Input
              id="utm-source"
              value={form.value.source}
              onChange={(event) => form.change({ source: event.target.value })}
            />
          </FormField>
          <FormField id="utm-medium" label="utm_medium" hint="Usually “email”.">
            <Input
              id="utm-medium"
              value={form.value.medium}
              onChange={(event) => form.change({ medium: event.target.value })}
            />
          </FormField>
        </div>
      )}
    </SettingsSection>
  )
}

import { useSettingsForm } from "../../hooks/use-settings-form"
import type { MarketingSettings } from "../../lib/types"
import { SwitchField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const DoubleOptInSection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm({
    title: "Double opt-in",
    settings,
    read: ({ double_opt_in }) => ({ double_opt_in }),
    toPatch: (value) => ({ double_opt_in: value.double_opt_in }),
  })

  return (
    <SettingsSection
      id="double-opt-in"
      title="Double opt-in"
      description="Proof that the owner of an address asked for your emails. Expected in Germany and good practice everywhere: it keeps typos and fake sign-ups off your list."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <SwitchField
        id="double-opt-in"
        label="Ask new subscribers to confirm"
        description="A sign-up stays pending until the person clicks the link in a confirmation email. Only then do they get marketing emails."
        checked={form.value.double_opt_in}
        onCheckedChange={(double_opt_in) => form.change({ double_opt_in })}
      />
    </SettingsSection>
  )
}

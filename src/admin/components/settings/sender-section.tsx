import { Input } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import { orNull } from "../../lib/settings-input"
import type { MarketingSettings } from "../../lib/types"
import { FormField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const SenderSection = ({ settings }: { settings: MarketingSettings }) => {
  const form = useSettingsForm({
    title: "Sender",
    settings,
    read: ({ sender }) => ({
      from_name: sender.from_name ?? "",
      from_email: sender.from_email ?? "",
      reply_to: sender.reply_to ?? "",
    }),
    toPatch: (value) => ({
      sender: {
        from_name: orNull(value.from_name),
        from_email: orNull(value.from_email),
        reply_to: orNull(value.reply_to),
      },
    }),
  })

  return (
    <SettingsSection
      id="sender"
      title="Sender"
      description="Who your emails come from, unless a template names its own sender. Use an address on a domain your email provider has verified, or inboxes may mark the mail as spam."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id="sender-from-name" label="From name" optional>
          <Input
            id="sender-from-name"
            value={form.value.from_name}
            placeholder="Your store"
            onChange={(event) => form.change({ from_name: event.target.value })}
          />
        </FormField>
        <FormField
          id="sender-from-email"
          label="From email"
          optional
          hint="Empty uses the email provider's default sender."
        >
          <Input
            id="sender-from-email"
            type="email"
            value={form.value.from_email}
            placeholder="hello@yourstore.com"
            onChange={(event) => form.change({ from_email: event.target.value })}
          />
        </FormField>
        <FormField
          id="sender-reply-to"
          label="Reply-to"
          optional
          hint="Where replies go, if not to the from address."
        >
          <Input
            id="sender-reply-to"
            type="email"
            value={form.value.reply_to}
            placeholder="support@yourstore.com"
            onChange={(event) => form.change({ reply_to: event.target.value })}
          />
        </FormField>
      </div>
    </SettingsSection>
  )
}

import { InlineTip, Input, Textarea } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import { orNull } from "../../lib/settings-input"
import type { MarketingSettings } from "../../lib/types"
import { FormField } from "../form-field"
import { SettingsSection } from "./settings-section"

export const StoreSection = ({ settings }: { settings: MarketingSettings }) => {
  const form = useSettingsForm({
    title: "Store details",
    settings,
    read: ({ store }) => ({
      name: store.name ?? "",
      logo_url: store.logo_url ?? "",
      address: store.address ?? "",
      support_email: store.support_email ?? "",
    }),
    toPatch: (value) => ({
      store: {
        name: orNull(value.name),
        logo_url: orNull(value.logo_url),
        address: value.address.trim(),
        support_email: orNull(value.support_email),
      },
    }),
  })

  return (
    <SettingsSection
      id="store"
      title="Store details"
      description="What your emails show in their header and footer."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField
          id="store-name"
          label="Store name"
          optional
          hint="Empty uses the store's name in Medusa."
        >
          <Input
            id="store-name"
            value={form.value.name}
            onChange={(event) => form.change({ name: event.target.value })}
          />
        </FormField>
        <FormField
          id="store-support-email"
          label="Support email"
          optional
          hint="Shown to customers who need help. Empty uses the sender's address."
        >
          <Input
            id="store-support-email"
            type="email"
            value={form.value.support_email}
            onChange={(event) =>
              form.change({ support_email: event.target.value })
            }
          />
        </FormField>
      </div>
      <FormField
        id="store-logo-url"
        label="Logo URL"
        optional
        hint="A public https address of an image about 280 px wide. Without one, emails show the store name."
      >
        <Input
          id="store-logo-url"
          type="url"
          value={form.value.logo_url}
          placeholder="https://yourstore.com/logo.png"
          onChange={(event) => form.change({ logo_url: event.target.value })}
        />
      </FormField>
      <FormField
        id="store-address"
        label="Postal address"
        hint="Anti-spam laws (CAN-SPAM in the US, similar rules in the EU, UK and Canada) require every marketing email to show the sender's physical postal address. Emails show it in their footer through {{ store.address }}."
      >
        <Textarea
          id="store-address"
          value={form.value.address}
          rows={3}
          placeholder={"Street and number\nPostal code and city\nCountry"}
          onChange={(event) => form.change({ address: event.target.value })}
          data-testid="store-address"
        />
      </FormField>
      {!settings.store.address.trim() && (
        <InlineTip label="Required for marketing email" variant="warning">
          No postal address yet: add one before you send marketing emails.
        </InlineTip>
      )}
    </SettingsSection>
  )
}

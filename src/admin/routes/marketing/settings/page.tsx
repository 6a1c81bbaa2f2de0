import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Skeleton, Tabs, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { AttributionSection } from "../../../components/settings/attribution-section"
import { DeliverySection } from "../../../components/settings/delivery-section"
import { DoubleOptInSection } from "../../../components/settings/double-opt-in-section"
import { FrequencyCapSection } from "../../../components/settings/frequency-cap-section"
import { QuietHoursSection } from "../../../components/settings/quiet-hours-section"
import { SenderSection } from "../../../components/settings/sender-section"
import { StoreSection } from "../../../components/settings/store-section"
import { SuppressionList } from "../../../components/settings/suppression-list"
import { TopicsSection } from "../../../components/settings/topics-section"
import { TrackingSection } from "../../../components/settings/tracking-section"
import { useSettings } from "../../../hooks/api/settings"

const TABS = ["sending", "suppressions"] as const
type Tab = (typeof TABS)[number]

const SettingsSkeleton = () => (
  <div className="flex flex-col gap-y-3" aria-busy="true" data-testid="settings-loading">
    {[2, 3, 2].map((rows, index) => (
      <Container key={index} className="flex flex-col gap-y-4 px-6 py-4">
        <Skeleton className="h-6 w-40" />
        {Array.from({ length: rows }, (_, row) => (
          <Skeleton key={row} className="h-8 w-full" />
        ))}
      </Container>
    ))}
  </div>
)

const SendingSettings = () => {
  const { settings, isPending, isError, error } = useSettings()

  if (isError) {
    return (
      <Container className="px-6 py-8" role="alert" data-testid="settings-error">
        <Text size="small" weight="plus">
          Settings could not be loaded
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {error?.message}
        </Text>
      </Container>
    )
  }

  if (isPending || !settings) {
    return <SettingsSkeleton />
  }

  return (
    <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-2">
      <div className="flex min-w-0 flex-col gap-y-3">
        <SenderSection settings={settings} />
        <StoreSection settings={settings} />
        <TrackingSection settings={settings} />
        <TopicsSection settings={settings} />
      </div>
      <div className="flex min-w-0 flex-col gap-y-3">
        <QuietHoursSection settings={settings} />
        <FrequencyCapSection settings={settings} />
        <DeliverySection settings={settings} />
        <DoubleOptInSection settings={settings} />
        <AttributionSection settings={settings} />
      </div>
    </div>
  )
}

const SettingsPage = () => {
  const [searchParams, setSearchParams] = useSearchParams()
  const requested = searchParams.get("tab")
  // The tab is in the address, so a link can open the suppression list.
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : "sending"

  return (
    <div className="flex flex-col gap-y-3" data-testid="marketing-settings">
      <Container className="px-6 py-4">
        <Heading level="h1">Email settings</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          How, when and from whom your emails go out. Each section saves on
          its own.
        </Text>
      </Container>
      <Tabs
        value={tab}
        onValueChange={(value) =>
          setSearchParams(value === "sending" ? {} : { tab: value }, {
            replace: true,
          })
        }
      >
        <Tabs.List className="mb-3">
          <Tabs.Trigger value="sending">Sending</Tabs.Trigger>
          <Tabs.Trigger value="suppressions">Suppression list</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="sending">
          <SendingSettings />
        </Tabs.Content>
        <Tabs.Content value="suppressions">
          <SuppressionList />
        </Tabs.Content>
      </Tabs>
    </div>
  )
}

export const config = defineRouteConfig({
  // Not just "Settings": the admin's own Settings sits in the same sidebar.
  label: "Email settings",
  rank: 4,
})

export const handle = {
  breadcrumb: () => "Email settings",
}

export default SettingsPage

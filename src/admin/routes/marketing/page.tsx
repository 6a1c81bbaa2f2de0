import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Bolt,
  ChartBar,
  CogSixTooth,
  DocumentText,
  Envelope,
  PaperPlane,
  RocketLaunch,
  TriangleRightMini,
  UserGroup,
  Users,
} from "@medusajs/icons"
import { Container, Heading, IconBadge, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { MarketingOverview } from "../../components/overview/marketing-overview"
import { OverviewLink } from "../../components/overview-link"
import { PostalAddressNotice } from "../../components/postal-address-notice"
import { useCampaigns } from "../../hooks/api/campaigns"
import { useContacts } from "../../hooks/api/contacts"
import { useFlows } from "../../hooks/api/flows"
import { useMessages } from "../../hooks/api/messages"
import { useSegments } from "../../hooks/api/segments"
import { useTemplates } from "../../hooks/api/templates"
import { formatCount } from "../../lib/format"

const SummaryCount = ({
  count,
  isLoading,
  testId,
}: {
  count?: number
  isLoading: boolean
  testId: string
}) => {
  if (isLoading) {
    return <Skeleton className="inline-block h-3 w-6 align-middle" />
  }
  return <span data-testid={testId}>{formatCount(count)}</span>
}

const MarketingPage = () => {
  // Two one-row reads: the answers' counts are all the overview needs.
  const all = useContacts({ limit: 1, offset: 0 })
  const subscribed = useContacts({
    limit: 1,
    offset: 0,
    consent_status: ["subscribed"],
  })
  const segments = useSegments({ limit: 1, offset: 0, fields: "id" })
  const flows = useFlows({ limit: 1, offset: 0, status: "active" })
  const templates = useTemplates({ limit: 1, offset: 0 })
  const scheduledCampaigns = useCampaigns({ limit: 1, offset: 0, status: ["scheduled"] })
  const sent = useMessages({ limit: 1, offset: 0, status: ["sent"] })

  return (
    <div className="flex flex-col gap-y-3">
      <PostalAddressNotice />
      <Container className="divide-y p-0" data-testid="marketing-overview">
        <div className="px-6 py-4">
          <Heading level="h1">Marketing</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Know who your customers are, what they bought and whether they
            agreed to hear from you.
          </Text>
        </div>
        <Link
          to="/marketing/contacts"
          className="hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover transition-fg flex items-center gap-x-4 px-6 py-4 outline-none"
          data-testid="marketing-contacts-link"
        >
          <IconBadge>
            <Users />
          </IconBadge>
          <div className="flex flex-1 flex-col">
            <Text size="small" leading="compact" weight="plus">
              Contacts
            </Text>
            <Text
              as="div"
              size="small"
              leading="compact"
              className="text-ui-fg-subtle"
            >
              <SummaryCount
                count={all.count}
                isLoading={all.isPending}
                testId="marketing-contacts-count"
              />{" "}
              contacts ·{" "}
              <SummaryCount
                count={subscribed.count}
                isLoading={subscribed.isPending}
                testId="marketing-subscribed-count"
              />{" "}
              subscribed
            </Text>
          </div>
          <TriangleRightMini className="text-ui-fg-muted" />
        </Link>
        <OverviewLink
          to="/marketing/segments"
          icon={<UserGroup />}
          title="Segments"
          testId="marketing-segments-link"
          summary={
            <>
              <SummaryCount
                count={segments.count}
                isLoading={segments.isPending}
                testId="marketing-segments-count"
              />{" "}
              segments · group contacts by what they buy and how they engage
            </>
          }
        />
        <OverviewLink
          to="/marketing/flows"
          icon={<Bolt />}
          title="Flows"
          testId="marketing-flows-link"
          summary={
            <>
              <SummaryCount
                count={flows.count}
                isLoading={flows.isPending}
                testId="marketing-flows-count"
              />{" "}
              active flows · welcome series, abandoned carts and win-backs that run by themselves
            </>
          }
        />
        <OverviewLink
          to="/marketing/templates"
          icon={<DocumentText />}
          title="Templates"
          testId="marketing-templates-link"
          summary={
            <>
              <SummaryCount
                count={templates.count}
                isLoading={templates.isPending}
                testId="marketing-templates-count"
              />{" "}
              templates · write and preview your emails
            </>
          }
        />
        <OverviewLink
          to="/marketing/campaigns"
          icon={<RocketLaunch />}
          title="Campaigns"
          testId="marketing-campaigns-link"
          summary={
            <>
              <SummaryCount
                count={scheduledCampaigns.count}
                isLoading={scheduledCampaigns.isPending}
                testId="marketing-campaigns-scheduled-count"
              />{" "}
              scheduled · one-off sends to your segments, with A/B tests
            </>
          }
        />
        <OverviewLink
          to="/marketing/messages"
          icon={<PaperPlane />}
          title="Messages"
          testId="marketing-messages-link"
          summary={
            <>
              <SummaryCount
                count={sent.count}
                isLoading={sent.isPending}
                testId="marketing-sent-count"
              />{" "}
              emails sent · see what went out and what happened to it
            </>
          }
        />
        <OverviewLink
          to="/marketing/scores"
          icon={<ChartBar />}
          title="Scores"
          testId="marketing-scores-link"
          summary="Customer groups, churn risk, predicted spend and lead-score rules"
        />
        <OverviewLink
          to="/marketing/settings"
          icon={<CogSixTooth />}
          title="Email settings"
          testId="marketing-settings-link"
          summary="Sender, store address, tracking, quiet hours, topics and the suppression list"
        />
      </Container>
      <MarketingOverview />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Marketing",
  icon: Envelope,
})

export const handle = {
  breadcrumb: () => "Marketing",
}

export default MarketingPage

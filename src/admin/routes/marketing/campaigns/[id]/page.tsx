import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import { CampaignActions } from "../../../../components/campaigns/campaign-actions"
import { CampaignDetails } from "../../../../components/campaigns/campaign-details"
import { CampaignResults } from "../../../../components/campaigns/campaign-results"
import { CampaignStatusBadge } from "../../../../components/campaigns/campaign-status-badge"
import { useCampaign } from "../../../../hooks/api/campaigns"
import { formatCampaignTime } from "../../../../lib/campaign-schedule"
import { CAMPAIGN_STATUS_HELP, campaignMoment } from "../../../../lib/campaign-status"
import type { Campaign } from "../../../../lib/campaign-types"

/** While a campaign is on its way out, its status and figures are read again this often. */
const LIVE_REFRESH_MS = 15_000

const CampaignSkeleton = () => (
  <div className="flex flex-col gap-y-3" data-testid="campaign-loading" aria-busy="true">
    <Container className="px-6 py-4">
      <Skeleton className="h-7 w-64" />
    </Container>
    <Container className="flex flex-col gap-y-4 px-6 py-4">
      <Skeleton className="h-6 w-32" />
      <Skeleton className="h-[240px] w-full" />
    </Container>
  </div>
)

const CampaignUnavailable = ({ notFound, message }: { notFound: boolean; message?: string }) => (
  <Container className="px-6 py-8" data-testid="campaign-not-found" role="alert">
    <Heading level="h2">{notFound ? "Campaign not found" : "The campaign could not be loaded"}</Heading>
    <Text size="small" className="text-ui-fg-subtle mb-4">
      {notFound ? "It may have been deleted, or the link is wrong." : message}
    </Text>
    <Link
      to="/marketing/campaigns"
      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
    >
      Back to campaigns
    </Link>
  </Container>
)

const CampaignHeader = ({ campaign }: { campaign: Campaign }) => {
  const moment = campaignMoment(campaign)
  return (
    <Container className="flex flex-col gap-4 px-6 py-4 md:flex-row md:items-center md:justify-between">
      <div className="flex min-w-0 flex-col gap-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Heading level="h1" className="break-all" data-testid="campaign-title">
            {campaign.name}
          </Heading>
          <CampaignStatusBadge status={campaign.status} />
        </div>
        <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-moment">
          {moment.at ? `${moment.label} ${formatCampaignTime(moment.at, moment.localTime)}. ` : ""}
          {CAMPAIGN_STATUS_HELP[campaign.status]}
        </Text>
      </div>
      <CampaignActions campaign={campaign} />
    </Container>
  )
}

const CampaignPage = () => {
  const { id } = useParams<{ id: string }>()
  const { campaign, isPending, isError, error } = useCampaign(id ?? "", {
    enabled: Boolean(id),
    // A scheduled campaign starts on its own and a sending one finishes: the page follows.
    refetchInterval: (query) => {
      const status = query.state.data?.campaign.status
      return status === "scheduled" || status === "sending" ? LIVE_REFRESH_MS : false
    },
  })

  if (isError || !id) {
    return <CampaignUnavailable notFound={!id || error?.status === 404} message={error?.message} />
  }

  if (isPending || !campaign) {
    return <CampaignSkeleton />
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="campaign-page" data-status={campaign.status}>
      <CampaignHeader campaign={campaign} />
      <CampaignResults campaign={campaign} />
      <CampaignDetails campaign={campaign} />
    </div>
  )
}

const CampaignBreadcrumb = ({ id }: { id?: string }) => {
  const { campaign } = useCampaign(id ?? "", { enabled: Boolean(id) })
  return <span>{campaign?.name ?? "Campaign"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <CampaignBreadcrumb id={match.params.id} />,
}

export default CampaignPage

export const campaignFields = [
  "id",
  "name",
  "status",
  "template_id",
  "subject",
  "segment_ids",
  "exclude_segment_ids",
  "transactional",
  "scheduled_at",
  "local_time",
  "ab_test",
  "winner_variant",
  "decided_at",
  "audience_count",
  "started_at",
  "finished_at",
  "cancelled_at",
  "created_at",
  "updated_at",
]

export const listCampaignsQueryConfig = {
  defaults: campaignFields,
  isList: true,
}

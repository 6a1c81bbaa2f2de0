import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import MarketingModuleService from "../../../../../modules/marketing/service"
import type { Rule } from "../../../../../lib/segments"
import { assertValidSegmentRules, compileSegmentRule } from "../../../../../workflows/segments"
import { AdminPreviewSegmentType } from "../validators"

/** The live count and a sample for rules being edited; nothing is stored. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewSegmentType>, res: MedusaResponse) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const { segment_id } = req.validatedBody
  const segments = await marketing.listSegments({}, { select: ["id", "rules"] })
  const rule = assertValidSegmentRules(req.validatedBody.rules, {
    segmentId: segment_id,
    rulesById: new Map(segments.filter((s) => s.id !== segment_id).map((s) => [s.id, s.rules as unknown as Rule])),
  })
  const preview = await marketing.previewSegment(compileSegmentRule(rule, new Date(), { wholePopulation: true }), req.validatedBody.sample_size)
  res.json(preview)
}

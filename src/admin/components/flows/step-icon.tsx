import {
  BellAlert,
  Bolt,
  CalendarMini,
  Clock,
  CodeBranch,
  DecisionProcess,
  Envelope,
  PencilSquare,
  Puzzle,
  ReceiptPercent,
  Link as LinkIcon,
  StopCircleSolid,
  UserGroup,
} from "@medusajs/icons"
import type { ComponentType } from "react"

const ICONS: Record<string, ComponentType> = {
  wait: Clock,
  wait_until: CalendarMini,
  wait_for_event: BellAlert,
  condition: DecisionProcess,
  split: CodeBranch,
  send_email: Envelope,
  discount: ReceiptPercent,
  customer_group: UserGroup,
  update_contact: PencilSquare,
  webhook: LinkIcon,
  exit: StopCircleSolid,
  trigger: Bolt,
}

/** The icon of a step type; registered types share one. */
export const StepIcon = ({ type }: { type: string }) => {
  const Icon = ICONS[type] ?? Puzzle
  return <Icon />
}

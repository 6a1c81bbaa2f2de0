import { TRIGGER_NODE_ID, type FlowDraft } from "../flow-draft"
import { flowToGraph, type StepNode, type TriggerNode } from "../flow-graph"
import { placeIssues } from "../flow-issues"

const draft: FlowDraft = {
  trigger: { type: "event", event: "marketing.cart_abandoned" },
  reentry: "every_time",
  entry: "wait",
  steps: {
    wait: { type: "wait_for_event", event: "order.placed", timeout: { amount: 1, unit: "days" }, on_event: "done", on_timeout: "ab" },
    ab: { type: "split", branches: [{ percent: 30, label: "A", next: "mail" }, { percent: 70, next: "gone" }] },
    mail: { type: "send_email", template_id: "mkt_tpl_1", next: "check" },
    check: { type: "condition", data: [{ path: "cart_id", operator: "exists" }], yes: "done" },
    done: { type: "exit" },
  },
}

describe("flow graph", () => {
  const graph = flowToGraph(draft, {
    lookups: { templates: new Map([["mkt_tpl_1", "Your cart"]]) },
    issues: placeIssues([
      { code: "missing_step", path: "steps.ab.branches[1].next", step: "ab", message: 'step "ab" goes to "gone", which does not exist' },
      { code: "invalid_definition", path: "steps.check.no", message: "is required" },
    ]),
    stepCounts: { mail: { visits: 5, entered: 5, executed: 4, skipped: 0, failed: 1 } },
    stepResults: new Map([["mail", { key: "mail", recipients: 4, sent: 4, delivered: 4, opened: 2, clicked: 1, bounced: 0, unsubscribed: 0, conversions: 1, revenue: { eur: 40 } }]]),
  })
  const steps = new Map(
    graph.nodes.filter((node): node is StepNode => node.type === "step").map((node) => [node.id, node.data])
  )

  it("draws the trigger and every step as nodes, the trigger on top", () => {
    expect(graph.nodes.map((node) => node.id)).toEqual([TRIGGER_NODE_ID, "wait", "ab", "mail", "check", "done"])
    const trigger = graph.nodes[0] as TriggerNode
    expect(trigger.data.summary).toBe("When marketing.cart_abandoned")
    expect(trigger.data.reentry).toBe("Every time the trigger happens")
    for (const node of graph.nodes.slice(1)) {
      expect(node.position.y).toBeGreaterThan(trigger.position.y)
    }
  })

  it("draws an edge for every link to an existing step, labelled by what it means", () => {
    expect(graph.edges.map((edge) => [edge.source, edge.sourceHandle, edge.target, edge.label])).toEqual([
      [TRIGGER_NODE_ID, "entry", "wait", undefined],
      ["wait", "on_event", "done", "On event"],
      ["wait", "on_timeout", "ab", "On timeout"],
      ["ab", "branches.0.next", "mail", "A · 30%"],
      ["mail", "next", "check", undefined],
      ["check", "yes", "done", "Yes"],
    ])
  })

  it("gives each step a handle per way on, empty ones included, so they can be connected", () => {
    expect(steps.get("check")!.slots.map((slot) => [slot.handle, slot.label, slot.target])).toEqual([
      ["yes", "Yes", "done"],
      ["no", "No", undefined],
    ])
    expect(steps.get("ab")!.slots.map((slot) => slot.label)).toEqual(["A · 30%", "70%"])
    expect(steps.get("done")!.slots).toEqual([])
  })

  it("marks the steps the issues are about, and summarises each step's settings", () => {
    expect(steps.get("ab")!.issues).toEqual(['step "ab" goes to "gone", which does not exist'])
    expect(steps.get("check")!.issues).toEqual(["is required"])
    expect(steps.get("mail")!.issues).toEqual([])
    expect(steps.get("mail")!.summary).toBe("Your cart")
    expect(steps.get("wait")!.summary).toBe("order.placed within 1 day")
    expect(steps.get("wait")!.isEntry).toBe(true)
  })

  it("puts the run counts and email results on their step", () => {
    expect(steps.get("mail")!.counts).toMatchObject({ entered: 5, executed: 4, failed: 1 })
    expect(steps.get("mail")!.results).toMatchObject({ sent: 4, opened: 2, clicked: 1 })
    expect(steps.get("wait")!.counts).toBeUndefined()
  })

  it("has no entry edge while the first step does not exist, and says so on the trigger", () => {
    const unconnected = flowToGraph({ ...draft, entry: "" })
    expect(unconnected.edges.some((edge) => edge.source === TRIGGER_NODE_ID)).toBe(false)
    expect((unconnected.nodes[0] as TriggerNode).data.hasEntry).toBe(false)
  })
})

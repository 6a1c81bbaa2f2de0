import { parseFlowDefinition } from "../../../lib/flows/definition"
import { BUILTIN_STEP_TYPES } from "../../../lib/flows/step-types"
import { validateFlowAll } from "../../../lib/flows/validate"
import {
  addStep,
  connect,
  defaultStep,
  definitionsEqual,
  draftFromDefinition,
  draftToDefinition,
  linkSlots,
  newFlowDefinition,
  newStepId,
  removeStep,
  TRIGGER_NODE_ID,
  type FlowDraft,
} from "../flow-draft"

const chain = (): FlowDraft => ({
  trigger: { type: "event", event: "customer.created" },
  reentry: "once",
  entry: "hello",
  steps: {
    hello: { type: "send_email", template_id: "mkt_tpl_1", next: "pause" },
    pause: { type: "wait", duration: { amount: 1, unit: "days" }, next: "bye" },
    bye: { type: "exit" },
  },
})

/** What the server's parser says about a draft, first problem only. */
const parse = (draft: FlowDraft) => parseFlowDefinition(draftToDefinition(draft))

describe("flow drafts", () => {
  it("starts a new flow from its trigger with one step that parses and validates", () => {
    const draft = newFlowDefinition("order.placed")
    const parsed = parse(draft)
    expect(parsed.ok).toBe(true)
    expect(parsed.ok && validateFlowAll(parsed.definition)).toEqual([])
    expect(draft.trigger).toEqual({ type: "event", event: "order.placed" })
  })

  it("gives every built-in step type defaults the language accepts, except what only the merchant can choose", () => {
    const missing: Record<string, string> = {}
    for (const type of BUILTIN_STEP_TYPES) {
      const draft: FlowDraft = { ...newFlowDefinition(), entry: "s", steps: { s: defaultStep(type) } }
      const parsed = parse(draft)
      if (!parsed.ok) missing[type] = parsed.error.path
    }
    // Links a branching step needs, and the template, group and URL nobody can guess.
    expect(missing).toEqual({
      wait_for_event: "steps.s.on_event",
      condition: "steps.s.yes",
      split: "steps.s.branches[0].next",
      send_email: "steps.s.template_id",
      customer_group: "steps.s.group_id",
      webhook: "steps.s.url",
    })
  })

  it("gives a registered step type an empty config and an id the language accepts", () => {
    expect(defaultStep("store.tag_contact")).toEqual({ type: "store.tag_contact", config: {} })
    expect(newStepId("store.tag_contact", [])).toBe("store_tag_contact")
    expect(newStepId("send_email", ["send_email", "send_email_2"])).toBe("send_email_3")
  })

  it("offers a slot for every link of a step, set or not, with the language's key paths", () => {
    expect(linkSlots({ type: "wait", duration: { amount: 1, unit: "days" } })).toEqual([
      { handle: "next", path: ["next"], target: undefined, required: false },
    ])
    expect(linkSlots({ type: "condition", yes: "a" }).map((slot) => [slot.handle, slot.target, slot.required])).toEqual([
      ["yes", "a", true],
      ["no", undefined, true],
    ])
    expect(linkSlots({ type: "split", branches: [{ percent: 50, next: "a" }, { percent: 50 }] }).map((s) => s.handle)).toEqual([
      "branches.0.next",
      "branches.1.next",
    ])
    expect(linkSlots({ type: "exit" })).toEqual([])
  })

  it("inserts a step after the selected one, keeping the chain connected", () => {
    const { draft, id } = addStep(chain(), "wait", { source: "hello", handle: "next" })
    expect(id).toBe("wait")
    expect(draft.steps.hello.next).toBe("wait")
    expect(draft.steps.wait.next).toBe("pause")
    const parsed = parse(draft)
    expect(parsed.ok && validateFlowAll(parsed.definition)).toEqual([])
  })

  it("inserts a step after the trigger as the new first step", () => {
    const { draft, id } = addStep(chain(), "wait_until", { source: TRIGGER_NODE_ID })
    expect(draft.entry).toBe(id)
    expect(draft.steps[id].next).toBe("hello")
  })

  it("adds a step on its own when nothing is selected, which validation reports as unreachable", () => {
    const { draft, id } = addStep(chain(), "exit")
    const parsed = parse(draft)
    expect(parsed.ok).toBe(true)
    expect(parsed.ok && validateFlowAll(parsed.definition)).toEqual([
      expect.objectContaining({ code: "unreachable_step", step: id }),
    ])
  })

  it("connects a dragged link into the right key, a split's branch included, and sets the entry from the trigger", () => {
    let draft: FlowDraft = {
      ...chain(),
      steps: { ...chain().steps, ab: { type: "split", branches: [{ percent: 50 }, { percent: 50 }] } },
    }
    draft = connect(draft, "ab", "branches.1.next", "bye")
    expect(draft.steps.ab.branches).toEqual([{ percent: 50 }, { percent: 50, next: "bye" }])
    draft = connect(draft, TRIGGER_NODE_ID, "entry", "ab")
    expect(draft.entry).toBe("ab")
    draft = connect(draft, "hello", "next", undefined)
    expect(draft.steps.hello).not.toHaveProperty("next")
  })

  it("removes a step with one way on by joining what led to it with where it went", () => {
    const draft = removeStep(chain(), "pause")
    expect(Object.keys(draft.steps)).toEqual(["hello", "bye"])
    expect(draft.steps.hello.next).toBe("bye")
  })

  it("removes a branching step by clearing the links to it, and a removed first step hands the entry on", () => {
    const branching: FlowDraft = {
      ...chain(),
      entry: "check",
      steps: {
        check: { type: "condition", rule: { type: "field", field: "orders_count", operator: "gt", value: 0 }, yes: "hello", no: "bye" },
        hello: { type: "send_email", template_id: "t", next: "check2" },
        check2: { type: "condition", data: [{ path: "x", operator: "exists" }], yes: "bye", no: "bye" },
        bye: { type: "exit" },
      },
    }
    const withoutInner = removeStep(branching, "check2")
    expect(withoutInner.steps.hello).not.toHaveProperty("next")
    const withoutFirst = removeStep(branching, "check")
    expect(withoutFirst.entry).toBe("")
    const linear = removeStep(chain(), "hello")
    expect(linear.entry).toBe("pause")
  })

  it("reads a stored definition back unchanged, and compares drafts by what they say", () => {
    const stored = draftToDefinition(chain())
    const draft = draftFromDefinition(stored)
    expect(definitionsEqual(draftToDefinition(draft), stored)).toBe(true)
    const reordered = { ...chain(), steps: { bye: chain().steps.bye, pause: chain().steps.pause, hello: chain().steps.hello } }
    expect(definitionsEqual(draftToDefinition(reordered), stored)).toBe(true)
    const edited = connect(draft, "pause", "next", undefined)
    expect(definitionsEqual(draftToDefinition(edited), stored)).toBe(false)
    expect(draftFromDefinition(null).steps).toEqual(newFlowDefinition().steps)
  })
})

/**
 * @module
 * The main↔UI bus: wire envelopes, the methods main serves to the UI and the events main pushes,
 * each with a zod schema so both ends validate what crosses the postMessage boundary.
 */
import { z } from 'zod'

import { ASPECT_RATIOS, IMAGE_SIZES } from './api'
import { BytesSchema } from './bytes'
import { ConversationReadSchema } from './conversation'
import { HistoryListSchema } from './history'
import { LaunchSchema } from './launch'
import {
  BatchRefSchema,
  ConversationSchema,
  LineageEntrySchema,
  OriginSchema,
  ResponseMetaSchema,
  SourceRefSchema,
  VariantSchema,
} from './lineage'
import { StoredSettingsSchema } from './settings'
import { StyleKitSchema } from './style-kit'

export { BytesSchema } from './bytes'

/** Which of the panel's three modes the selection implies. */
export const ModeSchema = z.enum(['create', 'edit', 'iterate'])
export type Mode = z.infer<typeof ModeSchema>

/** Why a selected node cannot be sent as a reference (absent when it can). */
export const NodeProblemSchema = z.enum(['hidden', 'empty', 'unexportable'])
export type NodeProblem = z.infer<typeof NodeProblemSchema>

/** One selected node as the UI lists it. */
export const SelectedNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  /** True when the node carries a Peel lineage entry. */
  isResult: z.boolean(),
  problem: NodeProblemSchema.optional(),
  /** A sentence that says what is wrong and what to do; set with `problem`. */
  message: z.string().optional(),
})
export type SelectedNode = z.infer<typeof SelectedNodeSchema>

/** The Peel result being iterated on, with its lineage read back from plugin data. */
export const IterateTargetSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  entry: LineageEntrySchema,
})
export type IterateTarget = z.infer<typeof IterateTargetSchema>

/** What the UI needs to know about the selection. */
export const SelectionSummarySchema = z.object({
  mode: ModeSchema,
  nodes: z.array(SelectedNodeSchema),
  iterate: IterateTargetSchema.optional(),
  /** Problems that concern the selection as a whole (a corrupt lineage entry, say). */
  notices: z.array(z.string()),
})
export type SelectionSummary = z.infer<typeof SelectionSummarySchema>

/** One exported node, ready to send to the server or to show as a thumbnail. */
export const ExportedImageSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  mimeType: z.enum(['image/png', 'image/jpeg']),
  bytes: BytesSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
export type ExportedImage = z.infer<typeof ExportedImageSchema>

/** A node that could not be exported, with the sentence to show. */
export const ExportFailureSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  message: z.string(),
})
export type ExportFailure = z.infer<typeof ExportFailureSchema>

/** A generated image and everything its lineage entry records. */
export const PlaceResultParamsSchema = z.object({
  image: z.object({
    bytes: BytesSchema,
    mimeType: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  prompt: z.string().min(1),
  model: z.string().min(1),
  options: z.object({
    aspectRatio: z.enum(ASPECT_RATIOS).optional(),
    imageSize: z.enum(IMAGE_SIZES).optional(),
  }),
  requestId: z.string(),
  generationId: z.string(),
  sources: z.array(SourceRefSchema),
  /** The result node iterated on, when in Iterate mode. */
  parentNodeId: z.string().optional(),
  /** Place beside this node instead of the sources: the previous variant, to make a row. */
  anchorNodeId: z.string().optional(),
  origin: OriginSchema.optional(),
  response: ResponseMetaSchema.optional(),
  variant: VariantSchema.optional(),
  batch: BatchRefSchema.optional(),
  /** This exchange's turns for a later multi-turn Iterate, or why they cannot be kept. */
  conversation: ConversationSchema.optional(),
})
export type PlaceResultParams = z.infer<typeof PlaceResultParamsSchema>

/** Where a result landed. */
export const PlacedNodeSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  parentId: z.string(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
})
export type PlacedNode = z.infer<typeof PlacedNodeSchema>

const NoParamsSchema = z.object({}).strict()

/** Every method main serves, with its params and result schemas. */
export const MAIN_METHODS = {
  getSelection: { params: NoParamsSchema, result: SelectionSummarySchema },
  exportReferences: {
    params: z.object({
      nodeIds: z.array(z.string()).max(32),
      purpose: z.enum(['thumbnail', 'reference']),
    }),
    result: z.object({
      images: z.array(ExportedImageSchema),
      failures: z.array(ExportFailureSchema),
    }),
  },
  placeResult: { params: PlaceResultParamsSchema, result: PlacedNodeSchema },
  /** Keeps one variant: removes the other results (only Peel results), selects the kept one. */
  keepResult: {
    params: z.object({ keep: z.string(), remove: z.array(z.string()).max(16) }),
    result: z.object({ removed: z.array(z.string()) }),
  },
  getSettings: {
    params: NoParamsSchema,
    result: z.object({ settings: StoredSettingsSchema.nullable(), notice: z.string().optional() }),
  },
  saveSettings: { params: StoredSettingsSchema, result: StoredSettingsSchema },
  /** The earlier exchanges of a result's Gemini conversation, with bytes when asked. */
  readConversation: {
    params: z.object({ nodeId: z.string(), bytes: z.boolean() }),
    result: ConversationReadSchema,
  },
  /** Every Peel result in the file, newest first. */
  listHistory: { params: NoParamsSchema, result: HistoryListSchema },
  /** Selects a result (switching page if needed) and zooms to it. */
  focusResult: { params: z.object({ nodeId: z.string() }), result: z.object({}) },
  /** The document's style kit, re-read from the canvas (renamed frames, deleted ones dropped). */
  getStyleKit: { params: NoParamsSchema, result: StyleKitSchema },
  pinStyle: { params: z.object({ nodeIds: z.array(z.string()).max(32) }), result: StyleKitSchema },
  unpinStyle: { params: z.object({ nodeId: z.string() }), result: StyleKitSchema },
  /** How the plugin was started; waits for Figma's `run` event. */
  getLaunch: { params: NoParamsSchema, result: LaunchSchema },
  /** Ends a quick action: main notifies the sentence and closes the plugin. */
  finishQuick: {
    params: z.object({ message: z.string().min(1), error: z.boolean() }),
    result: z.object({}),
  },
} as const

export type MainMethods = typeof MAIN_METHODS
export type MethodName = keyof MainMethods
/** What a caller passes: the schema's input type (defaults may be left out). */
export type MethodParams<M extends MethodName> = z.input<MainMethods[M]['params']>
/** What a handler returns and a caller receives. */
export type MethodResult<M extends MethodName> = z.output<MainMethods[M]['result']>

/** Every event main pushes to the UI, with its payload schema. */
export const UI_EVENTS = {
  selectionChanged: SelectionSummarySchema,
} as const
export type UiEvents = typeof UI_EVENTS
export type EventName = keyof UiEvents
export type EventPayload<E extends EventName> = z.output<UiEvents[E]>

/** Codes a bus call can fail with; each comes with a sentence for the user. */
export const BusErrorCodeSchema = z.enum([
  'timeout',
  'bad_message',
  'unknown_method',
  'invalid_params',
  'invalid_result',
  'node_not_found',
  'export_failed',
  'image_rejected',
  'lineage_too_large',
  'style_kit_full',
  'cancelled',
  'internal',
])
export type BusErrorCode = z.infer<typeof BusErrorCodeSchema>

export const BusErrorSchema = z.object({ code: BusErrorCodeSchema, message: z.string() })
export type BusError = z.infer<typeof BusErrorSchema>

/** `{ kind: 'req' }`: a call from the UI to main. */
export const RequestMessageSchema = z.object({
  kind: z.literal('req'),
  id: z.string().min(1),
  method: z.string(),
  params: z.unknown(),
})
export type RequestMessage = z.infer<typeof RequestMessageSchema>

/** `{ kind: 'res' }`: main's answer, success or a typed error. */
export const ResponseMessageSchema = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('res'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('res'), id: z.string(), ok: z.literal(false), error: BusErrorSchema }),
])
export type ResponseMessage = z.infer<typeof ResponseMessageSchema>

/**
 * `{ kind: 'cancel' }`: the UI no longer wants the answer to request `id` (the user pressed
 * Cancel, or the selection it was for changed), so main stops what it can of that work.
 */
export const CancelMessageSchema = z.object({ kind: z.literal('cancel'), id: z.string().min(1) })
export type CancelMessage = z.infer<typeof CancelMessageSchema>

/** `{ kind: 'event' }`: something main tells the UI unasked. */
export const EventMessageSchema = z.object({
  kind: z.literal('event'),
  name: z.string(),
  payload: z.unknown(),
})
export type EventMessage = z.infer<typeof EventMessageSchema>

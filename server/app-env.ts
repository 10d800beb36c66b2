/** Hono's typed context for Peel: values middleware sets for later ones. */
export interface AppEnv {
  Variables: {
    requestId: string
    /** The model a generation used, for the request log. */
    model?: string
  }
}

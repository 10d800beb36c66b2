/** Types for scripts/build-studio.mjs, so TypeScript tests can import it. */
export declare function buildStudio(options?: {
  outdir?: string
  minify?: boolean
}): Promise<{ outdir: string; script: string; style: string }>

/** Types for scripts/build-plugin.mjs, so TypeScript tests can import it. */
export declare const DEFAULT_SERVER_URL: string
export declare function domainAllows(entry: string, url: URL): boolean
export declare function checkServerUrl(
  serverUrl: string,
  manifest: { networkAccess?: { allowedDomains?: string[]; devAllowedDomains?: string[] } }
): string[]
export declare function buildPlugin(options?: {
  watch?: boolean
  outdir?: string
  serverUrl?: string
  manifestPath?: string
  minify?: boolean
}): Promise<{ outdir?: string; serverUrl?: string; dispose(): Promise<unknown> }>

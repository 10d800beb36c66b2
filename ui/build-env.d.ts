/** The default server URL, set at build time from PEEL_SERVER_URL (scripts/build-plugin.mjs). */
declare const __PEEL_SERVER_URL__: string
/** Every server URL manifest.json lets the plugin reach, for the Settings picker. */
declare const __PEEL_SERVER_URLS__: readonly string[]

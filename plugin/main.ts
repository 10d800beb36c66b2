// Placeholder until the plugin lands; keeps the plugin project non-empty for tsc -b.
export {}

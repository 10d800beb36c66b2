// Placeholder until the UI lands; keeps the UI project non-empty for tsc -b.
export {}

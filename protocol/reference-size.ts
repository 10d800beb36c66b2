/**
 * Long-edge cap for references, wherever they are made (Figma exports, files in the studio):
 * 1536 px. Gemini 2.5 reads images as 768 px tiles, so 1536 is two full tiles a side, and Gemini 3
 * at its highest media resolution spends at most 1120 tokens on an image of any size. Pixels past
 * this are resampled away by the model: they only cost upload bytes and latency.
 */
export const REFERENCE_LONG_EDGE = 1536

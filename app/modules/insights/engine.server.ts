// The engine's entry points, for the module's face (index.ts). Named *.server so that Remix leaves the engine
// and its lexicons out of the browser build when a route imports the insights face.
export { analyzeReview, readByRules } from "./review-analysis";
export { detectLanguage } from "./language-detection";
export { tokenize } from "./tokenizer";
export { registerLanguagePack } from "./language-packs";
export { BUILT_IN_TOPICS } from "./built-in-topics";
// The learned layer: its weights (learned/weights.json) stay out of the browser build too.
export { learnedLayerSize, swapLearnedWeights } from "./learned/model";
export { trainWeights as trainLearnedWeights, formatWeights as formatLearnedWeights } from "./learned/training";

export { foldText, terms } from './normalize.js';
export { stem } from './stem.js';
export { scoreRelevance, type AdText, type PageSignals, type Relevance } from './score.js';

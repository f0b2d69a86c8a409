export { foldText, terms } from './normalize';
export { stem } from './stem';
export { scoreRelevance, type AdText, type PageSignals, type Relevance } from './score';

export { parseCatalogue, CATALOGUE_COLUMNS, type Ad, type CatalogueError, type ParsedCatalogue } from './parse.js';
export { parseCsv, type CsvRecord } from './csv.js';
export { saveCatalogue, loadCatalogue, findAd } from './store.js';

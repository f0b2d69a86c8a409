export { parseCatalogue, CATALOGUE_COLUMNS, type Ad, type CatalogueError, type ParsedCatalogue } from './parse';
export { parseCsv, type CsvRecord } from './csv';
export { saveCatalogue, loadCatalogue, findAd } from './store';

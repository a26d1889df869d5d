/**
 * Exchange with the national platform: the approved filings of a campaign in the stable layouts v2 and v3
 * (docs/exchange.md), and the import of recognition lists (national 小巨人, 省级专精特新, 创新型).
 */
export {
  type ExportRow,
  type ExchangeColumn,
  EXCHANGE_COLUMNS_V1,
  dataCheckOf,
  EXCHANGE_COLUMNS_V2,
  EXCHANGE_COLUMNS_V3,
  EXCHANGE_LAYOUTS,
  requireExportScope,
  streamExchangeCsv,
  streamExchangeXlsx,
} from './export-filings';
export {
  type RawCell,
  type RawRow,
  parseCsv,
  readRows,
  parseDay,
  importRecognitions,
} from './import-recognitions';

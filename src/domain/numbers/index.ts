export { AMOUNT_LIMIT, formatAmount, isCurrency, unitMismatch } from './amount.ts';
export {
  CONFIDENCE_MAX,
  CONFIDENCE_MIN,
  type ConfidenceResult,
  parseConfidence,
  zConfidence,
} from './confidence.ts';
export { type FormatNumberOptions, formatNumber, plainDecimal } from './format-number.ts';
export {
  compareIsoDates,
  type IsoDate,
  type IsoDateResult,
  isIsoDate,
  parseIsoDate,
  zIsoDate,
} from './iso-date.ts';
export {
  checkNumber,
  type NumberParseOptions,
  type NumberParseResult,
  parseNumber,
  type UnitHint,
} from './parse-number.ts';
export { describeValue, zNumberLike } from './zod-number.ts';

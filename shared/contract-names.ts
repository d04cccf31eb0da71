/**
 * The contract's names without its schemas, for the sandboxed preload (which should not carry
 * zod). A test checks these lists against shared/contract.ts.
 */
export const METHOD_NAMES = ['getSnapshot', 'getPriceHistory', 'previewOrder', 'placeOrder', 'cancelOrder', 'cancelAll',
  'queryJournal', 'verifyJournal', 'pickJournalFile', 'openJournalForReview', 'closeJournalReview',
  'getJournalEvents', 'listIncidents', 'restoreCancelled', 'retryCommand', 'listClaims', 'createClaim', 'updateClaim', 'injectVenueFault',
  'exportClaim', 'listScenarios', 'startReplay', 'setReplaySpeed', 'stopReplay', 'getRiskSettings', 'setRiskSettings',
  'getTsaSettings', 'setTsaSettings', 'getVenueSettings', 'saveVenueAccount', 'removeVenueAccount', 'useVenueAccount',
  'closePosition', 'closeAllPositions', 'getChartHistory', 'journalReviewStats', 'retryConnection'] as const;
export const EVENT_NAMES = ['price', 'snapshot', 'verifyProgress', 'incident', 'exportProgress'] as const;
export const IPC_METHOD_PREFIX = 'blackbox:call:';
export const IPC_EVENT_CHANNEL = 'blackbox:event';

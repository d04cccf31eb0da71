/** Times as the terminal shows them: UTC, to the second, saying so (the one formatter in shared/format). */
export { formatTime as utcTime, formatDateTime as utcDateTime } from '../../../shared/format';

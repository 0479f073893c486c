/** Log levels, quietest first. `silent` logs nothing. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  error(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  debug(msg: string, extra?: unknown): void;
}

/** A logger writing one line per message to stderr, so stdout stays for the start-up banner. */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const at =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, extra?: unknown): void => {
      if (LOG_LEVELS.indexOf(lvl) > rank) return;
      const tail = extra === undefined ? '' : ' ' + (extra instanceof Error ? (extra.stack ?? extra.message) : JSON.stringify(extra));
      write(`[atlas-gov-mock] ${lvl}: ${msg}${tail}`);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

import type { LoggerService } from '@nestjs/common';

/**
 * Nest's start-up chatter (one line per module, controller, route and socket
 * message: about 130 lines) is for debugging the framework, not for running
 * Kenes: those contexts log at debug level, so a start prints what matters.
 */
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory']);

export function quietFramework(logger: LoggerService): LoggerService {
  const contextOf = (params: unknown[]) => (typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined);
  return {
    log: (message: unknown, ...params: unknown[]) => {
      const context = contextOf(params);
      if (context && FRAMEWORK_CONTEXTS.has(context) && logger.debug) return logger.debug(message, ...params);
      return logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => (logger.fatal ?? logger.error).call(logger, message, ...params),
  };
}

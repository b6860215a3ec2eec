// What the simulator answers, before it touches a socket: the shapes real Huawei Cloud services use.

export type SimulatedAnswer =
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      /** Answer only after this long (the `flaky` scenario's slow answers). */
      readonly delayMs?: number;
    }
  /** Drop the connection without an answer, as a crashed proxy does. */
  | { readonly kind: 'reset' };

export type SimulatedHttpAnswer = Extract<SimulatedAnswer, { readonly kind: 'http' }>;

const JSON_TYPE = 'application/json';

export function jsonAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): SimulatedHttpAnswer {
  return { kind: 'http', status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** API gateway and Workspace errors: `{error_code, error_msg, request_id}`; the request id is also a header. */
export function serviceError(status: number, errorCode: string, errorMsg: string, requestId: string, headers: Readonly<Record<string, string>> = {}): SimulatedAnswer {
  return jsonAnswer(status, { error_code: errorCode, error_msg: errorMsg, request_id: requestId }, headers);
}

/** APIGW.0301: the gateway prefixes every IAM authentication failure the same way. */
export function authenticationError(reason: string, requestId: string): SimulatedAnswer {
  return serviceError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${reason}`, requestId);
}

export function noSuchApi(requestId: string): SimulatedAnswer {
  return serviceError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment', requestId);
}

/** IAM (Keystone-style) errors have their own shape: `{"error": {code, message, title}}`. */
export function iamError(status: number, message: string, title: string): SimulatedAnswer {
  return jsonAnswer(status, { error: { code: status, message, title } }, { 'Content-Type': 'application/json;charset=UTF-8' });
}

const REASONS: Readonly<Record<number, string>> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable' };

/** The HTML page a load balancer answers when the service behind it failed. */
export function gatewayPage(status: 500 | 502 | 503): SimulatedAnswer {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return {
    kind: 'http',
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}

/** ISO-8601 UTC with microseconds, as IAM writes `expires_at`: `2020-01-04T09:05:22.701000Z`. */
export function isoWithMicroseconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

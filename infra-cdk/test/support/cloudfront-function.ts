import * as vm from 'vm';

/**
 * Runs a CloudFront Function's source the way CloudFront does (cloudfront-js-2.0): a `handler(event)` in a bare
 * global scope with no `require`, no modules and no Node globals, called with a viewer-request event.
 */
export class CloudFrontFunction {
  private readonly context: vm.Context;

  constructor(readonly source: string) {
    this.context = vm.createContext({});
    vm.runInContext(source, this.context);
  }

  /** A viewer-request event; headers by lower-case name as CloudFront gives them. Returns the request or a response. */
  viewerRequest(method: string, uri: string, headers: Record<string, string> = {}, querystring: Record<string, { value: string }> = {}): any {
    return this.call({
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip: '198.51.100.7' },
      request: { method, uri, querystring, headers: cloudFrontHeaders(headers), cookies: {} },
    });
  }

  private call(event: object): any {
    // Through JSON so results made in the sandbox's realm compare with ours.
    return JSON.parse(vm.runInContext(`JSON.stringify(handler(${JSON.stringify(event)}))`, this.context));
  }
}

function cloudFrontHeaders(headers: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), { value }]));
}

/** Renders a template value (a string, or an Fn::Join of strings and attribute references) with `attributes` filled in. */
export function renderJoin(value: unknown, attributes: Record<string, string>): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error(`not a string or Fn::Join: ${JSON.stringify(value)}`);
  return join[1].map((part) => {
    if (typeof part === 'string') return part;
    const [, attribute] = (part as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
    if (!(attribute in attributes)) throw new Error(`no value for ${JSON.stringify(part)}`);
    return attributes[attribute];
  }).join(join[0]);
}

/** A JWT-shaped access token with these claims and a meaningless signature: the edge reads claims, never verifies. */
export function unsignedJwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' })}.${part(claims)}.c2lnbmF0dXJl`;
}

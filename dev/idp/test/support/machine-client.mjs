import crypto from 'node:crypto';

export const REGISTRATION_TOKEN = 'dev-registration-token';
export const MCP_RESOURCE = 'http://127.0.0.1:8000';

export async function register(baseUrl, metadata, token = REGISTRATION_TOKEN) {
  const res = await fetch(new URL('/reg', baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(metadata),
  });
  return { status: res.status, body: await res.json() };
}

export function connectorMetadata(connectorId = crypto.randomUUID(), extra = {}) {
  return {
    client_name: `connector ${connectorId}`,
    grant_types: ['client_credentials'],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'mcp.invoke',
    connector_id: connectorId,
    ...extra,
  };
}

export async function clientCredentials(baseUrl, { clientId, clientSecret }, params = { scope: 'mcp.invoke' }) {
  const res = await fetch(new URL('/token', baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }).toString(),
  });
  return { status: res.status, body: await res.json() };
}

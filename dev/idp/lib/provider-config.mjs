import { errors } from 'oidc-provider';

import { oidcAccount } from './accounts.mjs';
import { fileAdapterFactory } from './file-adapter.mjs';
import { createLogoutSource } from './logout.mjs';
import { errorPage, signedOutPage } from './views.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PORTAL_SCOPES = 'openid email profile offline_access';
export const MCP_SCOPE = 'mcp.invoke';
export const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'lax' };

// The whole oidc-provider configuration, from our settings. Each block says why it differs
// from oidc-provider's defaults; anything not named here keeps the library's default.
export function providerConfiguration({ settings, keys, directory }) {
  const { portal, mcpResource } = settings;
  const firstPartyClients = new Set([portal.clientId]);

  return {
    adapter: fileAdapterFactory(settings.dataDir),
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys, long: COOKIE_OPTIONS, short: COOKIE_OPTIONS },

    clients: [{
      client_id: portal.clientId,
      client_secret: portal.clientSecret,
      client_name: 'Autri portal',
      redirect_uris: portal.redirectUris,
      post_logout_redirect_uris: portal.postLogoutRedirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      // ASP.NET's OAuth handler sends client_id/client_secret in the form body; oidc-provider
      // accepts HTTP Basic as well for clients registered with either secret method.
      token_endpoint_auth_method: 'client_secret_post',
      scope: PORTAL_SCOPES,
    }],
    // Dynamically registered clients are machine clients (connectors): client_credentials only.
    clientDefaults: {
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    // Every client talks to us from a server (the portal, connectors): no browser CORS.
    clientBasedCORS: () => false,

    // Authorization code flow only, with PKCE on every request (S256 is the only method offered).
    responseTypes: ['code'],
    pkce: { required: () => true },

    scopes: ['openid', 'email', 'profile', 'offline_access', MCP_SCOPE],
    claims: {
      openid: ['sub', 'cognito:groups'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Cognito puts email, name and groups in the id_token; the portal reads them from there.
    conformIdTokenClaims: false,

    async findAccount(_ctx, sub) {
      const profile = directory.findBySubject(sub);
      return profile ? oidcAccount(profile) : undefined;
    },

    // No consent screen for our own portal: grant what it asked for (within its allowed scopes).
    async loadExistingGrant(ctx) {
      const { client, session, provider } = ctx.oidc;
      const accountId = ctx.oidc.account.accountId;
      const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      let grant = grantId ? await provider.Grant.find(grantId) : undefined;
      if (grant && grant.accountId !== accountId) grant = undefined;
      if (!firstPartyClients.has(client.clientId)) return grant;

      grant ??= new provider.Grant({ accountId, clientId: client.clientId });
      const requested = [...ctx.oidc.requestParamOIDCScopes].join(' ');
      if (requested) grant.addOIDCScope(requested);
      await grant.save();
      return grant;
    },

    extraClientMetadata: {
      properties: ['connector_id'],
      validator(_ctx, key, value) {
        if (key === 'connector_id' && value !== undefined && !(typeof value === 'string' && UUID.test(value))) {
          throw new errors.InvalidClientMetadata('connector_id must be a UUID string');
        }
      },
    },

    // Cognito-style access tokens for the MCP resource server.
    async extraTokenClaims(ctx, token) {
      const client = ctx.oidc.client ?? await ctx.oidc.provider.Client.find(token.clientId);
      return {
        token_use: 'access',
        ...(client?.connector_id ? { connector_id: client.connector_id } : {}),
      };
    },

    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      registration: {
        enabled: true,
        initialAccessToken: settings.registrationToken,
      },
      registrationManagement: {
        enabled: true,
        // Keep the registration access token stable so the portal can store it once.
        rotateRegistrationAccessToken: false,
      },
      resourceIndicators: {
        enabled: true,
        // client_credentials without a `resource` parameter means the MCP server; the portal's
        // sign-in asks for no resource and gets an opaque token that works at userinfo.
        async defaultResource(ctx, _client, oneOf) {
          if (oneOf) return oneOf;
          if (ctx.oidc.params.grant_type !== 'client_credentials') return undefined;
          // Like Cognito, a client_credentials request without a scope gets the allowed one.
          // (This hook runs before oidc-provider reads the requested scope.)
          ctx.oidc.params.scope ??= MCP_SCOPE;
          return mcpResource;
        },
        // The MCP server by its origin or by its endpoint (<origin>/mcp, what its RFC 9728 metadata names and
        // the SDK sends); the token's audience is the one asked for, and the server accepts both.
        async getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== mcpResource && resourceIndicator !== `${mcpResource}/mcp`) throw new errors.InvalidTarget();
          return {
            scope: MCP_SCOPE,
            audience: resourceIndicator,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: createLogoutSource(COOKIE_OPTIONS),
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
    },

    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },

    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },

    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      IdToken: 3600,
      Interaction: 3600,
      RefreshToken: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  };
}

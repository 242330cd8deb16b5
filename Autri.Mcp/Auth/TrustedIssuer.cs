namespace Autri.Mcp.Auth;

/// <summary>One issuer whose tokens this server accepts: its kind's rules and its signing keys.</summary>
public sealed record TrustedIssuer(ITokenRules Rules, IssuerKeys Keys);

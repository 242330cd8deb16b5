namespace Autri.Portal.Web.RateLimiting;

/// <summary>Puts an endpoint (a Map… call or a page) under one of the rules in <see cref="PortalRateLimits"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string rule) : Attribute
{
    public string Rule { get; } = rule;
}

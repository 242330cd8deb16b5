namespace Autri.Portal.Tests.Support;

/// <summary>Test classes in this collection share one local stack (database, IdP, two portals).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalStack>
{
    public const string Name = "portal stack";
}

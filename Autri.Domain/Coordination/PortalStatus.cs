namespace Autri.Domain.Coordination;

/// <summary>
/// What the portal tells its agent about the product (GET /agent/v1/status): its version, the last migration applied
/// to the product database, and the counts. Counts only: no row of any table leaves the portal this way.
/// </summary>
public sealed record PortalStatus(string Version, string? LastMigration, DateTimeOffset? LastMigrationAt, UsageCounts Counts);

/// <summary>One heartbeat as the agent observed it, kept by the portal as the deployment's health history.</summary>
public sealed record HealthObservation(DateTimeOffset ObservedAt, AppHealth Portal, AppHealth Mcp, AppHealth Database, bool Delivered);

/// <summary>The agent hands a verified release manifest to the portal, which notifies the admins.</summary>
public sealed record ReleaseReport(string Manifest, string Channel, string Environment);

/// <summary>A diagnostics bundle an admin asked to send to support, as the agent fetches it.</summary>
public sealed record PendingUpload(Guid Id, string BundleJson);

/// <summary>What became of an upload: the service's reference, or why it failed.</summary>
public sealed record UploadResult(string? Reference, string? Error);

/// <summary>What an app's <c>/version</c> answers: which app it is and its running version.</summary>
public sealed record AppVersion(string App, string Version);

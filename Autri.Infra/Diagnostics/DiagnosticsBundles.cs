namespace Autri.Infra.Diagnostics;

/// <summary>A generated bundle as the admin page lists it.</summary>
public sealed record BundleSummary(Guid Id, string? CreatedBy, DateTime CreatedAt, int SizeBytes, DateTime? UploadRequestedAt,
    DateTime? UploadedAt, string? UploadReference, string? UploadError)
{
    public bool AwaitingUpload => UploadRequestedAt is not null && UploadedAt is null && UploadError is null;
}

/// <summary>
/// The diagnostics bundles admins generate (kept 30 days) and their trip to support: an admin asks for an upload, the
/// agent fetches the pending ones through the agent API, sends them and reports the service's reference or the error.
/// </summary>
public sealed class DiagnosticsBundles(NpgsqlDataSource db)
{
    public static readonly TimeSpan Kept = TimeSpan.FromDays(30);

    public async Task<Guid> SaveAsync(Guid? createdBy, string contentJson, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM diagnostics_bundles WHERE created_at < now() - make_interval(days => @days);
            INSERT INTO diagnostics_bundles (id, created_by, content) VALUES (@id, @createdBy, CAST(@contentJson AS jsonb));
            """, new { id, createdBy, contentJson, days = (int)Kept.TotalDays }, cancellationToken: ct));
        return id;
    }

    public async Task<IReadOnlyList<BundleSummary>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<BundleSummary>(new CommandDefinition("""
            SELECT b.id, u.email AS CreatedBy, b.created_at AS CreatedAt, octet_length(b.content::text) AS SizeBytes,
                   b.upload_requested_at AS UploadRequestedAt, b.uploaded_at AS UploadedAt, b.upload_reference AS UploadReference, b.upload_error AS UploadError
            FROM diagnostics_bundles b LEFT JOIN users u ON u.id = b.created_by
            ORDER BY b.created_at DESC LIMIT @limit
            """, new { limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>The bundle as generated (JSON), or null.</summary>
    public async Task<string?> ContentAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT content::text FROM diagnostics_bundles WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>An admin asks for the bundle to go to support (again, after a failure). False for an unknown bundle.</summary>
    public async Task<bool> RequestUploadAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE diagnostics_bundles SET upload_requested_at = now(), upload_error = NULL
            WHERE id = @id AND uploaded_at IS NULL
            """, new { id }, cancellationToken: ct)) == 1;
    }

    /// <summary>What the agent fetches: bundles asked for and neither sent nor failed, oldest first.</summary>
    public async Task<IReadOnlyList<PendingUpload>> PendingAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(Guid Id, string Content)>(new CommandDefinition("""
            SELECT id, content::text FROM diagnostics_bundles
            WHERE upload_requested_at IS NOT NULL AND uploaded_at IS NULL AND upload_error IS NULL
            ORDER BY upload_requested_at LIMIT @limit
            """, new { limit }, cancellationToken: ct))).Select(r => new PendingUpload(r.Id, r.Content)).ToList();
    }

    public async Task<bool> RecordResultAsync(Guid id, UploadResult result, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE diagnostics_bundles
            SET uploaded_at = CASE WHEN @Reference IS NULL THEN NULL ELSE now() END, upload_reference = @Reference, upload_error = @Error
            WHERE id = @id AND upload_requested_at IS NOT NULL AND uploaded_at IS NULL
            """, new { id, result.Reference, result.Error }, cancellationToken: ct)) == 1;
    }
}

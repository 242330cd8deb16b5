namespace Autri.Infra.Allowlist;

/// <summary>
/// Reads and writes the allowlist parameter for the admin editor, with optimistic concurrency on a store that
/// has no conditional put (SSM): the version is re-read right before the write and the save is refused if it
/// moved from the admin's base version; after the write, the returned version must be exactly base + 1, or
/// another write slipped into the gap between the re-read and the put, which is reported and audited.
/// </summary>
public sealed class AllowlistEditor(IParameterStore store, string parameterName, AllowlistReader reader, AllowlistAudit audit, AllowlistMirror mirror,
    ILogger<AllowlistEditor> log)
{
    public string ParameterName => parameterName;

    /// <summary>The current version with who changed it and why; null when the parameter does not exist (first run).</summary>
    /// <exception cref="ParameterStoreException">The store failed or refused.</exception>
    public async Task<AllowlistVersion?> LoadAsync(CancellationToken ct = default)
    {
        var history = await HistoryAsync(ct);
        return history.Count == 0 ? null : history[^1];
    }

    /// <summary>Every kept version, oldest first; empty when the parameter does not exist.</summary>
    /// <exception cref="ParameterStoreException">The store failed or refused.</exception>
    public async Task<IReadOnlyList<AllowlistVersion>> HistoryAsync(CancellationToken ct = default)
    {
        try
        {
            return (await store.GetHistoryAsync(parameterName, ct)).Select(AllowlistVersion.From).ToList();
        }
        catch (ParameterStoreException e) when (e.IsNotFound)
        {
            return [];
        }
    }

    public async Task<SaveOutcome> SaveAsync(AllowlistSave save, CancellationToken ct = default)
    {
        var problems = new List<string>(AllowlistRules.Problems(save.Proposed));
        if (ChangeNote.Problem(save.Note) is { } noteProblem) problems.Add(noteProblem);
        if (problems.Count > 0) return new SaveOutcome.Refused(problems);
        try
        {
            return save.Creates ? await CreateAsync(save, ct) : await OverwriteAsync(save, ct);
        }
        catch (ParameterStoreException e)
        {
            log.LogWarning("Allowlist save by {actor_hash} failed: {code} {message}", EmailHash.Of(save.Actor), e.Code, e.Message);
            return new SaveOutcome.Failed(e);
        }
    }

    private async Task<SaveOutcome> CreateAsync(AllowlistSave save, CancellationToken ct)
    {
        long version;
        try
        {
            version = await store.PutAsync(Put(save, overwrite: false), ct);
        }
        catch (ParameterStoreException e) when (e.Code == "ParameterAlreadyExists")
        {
            return await ConflictAsync(ct);
        }
        return await WrittenAsync(save, BetaAllowlist.Empty, previousType: null, version, ct);
    }

    private async Task<SaveOutcome> OverwriteAsync(AllowlistSave save, CancellationToken ct)
    {
        Parameter current;
        try
        {
            current = await store.GetAsync(parameterName, ct);
        }
        catch (ParameterStoreException e) when (e.IsNotFound)
        {
            return new SaveOutcome.Missing();
        }
        if (current.Version != save.BaseVersion) return await ConflictAsync(ct, AllowlistVersion.From(current));
        if (current.Type == ParameterType.SecureString) return new SaveOutcome.Refused([SecureStringProblem(parameterName)]);

        // SSM has no conditional put: between the read above and this write another writer can still land.
        var version = await store.PutAsync(Put(save, overwrite: true), ct);
        var before = BetaAllowlist.FromParameterValue(current.Value);
        return await WrittenAsync(save, before, current.Type == ParameterType.StringList ? null : current.Type, version, ct);
    }

    private async Task<SaveOutcome> WrittenAsync(AllowlistSave save, BetaAllowlist before, ParameterType? previousType, long version, CancellationToken ct)
    {
        reader.Invalidate();
        await MirrorAsync(ct);
        var diff = AllowlistDiff.Between(before, save.Proposed);
        var expected = save.BaseVersion + 1;
        var audited = await AuditAsync(save.Actor, AllowlistAudit.SaveAction, new
        {
            version,
            previous_version = save.BaseVersion,
            added = diff.Added,
            removed = diff.Removed,
            note = ChangeNote.Clean(save.Note),
            count = save.Proposed.Count,
            restored_from = save.RestoredFrom,
            type_changed_from = previousType?.ToString(),
        }, ct);
        if (version == expected)
        {
            log.LogInformation("Allowlist saved by {actor_hash} as version {version}: {added} added, {removed} removed", EmailHash.Of(save.Actor), version, diff.Added.Count, diff.Removed.Count);
            return new SaveOutcome.Saved(version, diff, audited);
        }
        log.LogWarning("Allowlist race detected: {actor_hash} expected version {expected} but the store wrote {version}", EmailHash.Of(save.Actor), expected, version);
        audited &= await AuditAsync(save.Actor, AllowlistAudit.RaceAction, new
        {
            expected_version = expected,
            actual_version = version,
            base_version = save.BaseVersion,
            note = ChangeNote.Clean(save.Note),
        }, ct);
        return new SaveOutcome.RaceDetected(expected, version, diff, audited);
    }

    private async Task<SaveOutcome> ConflictAsync(CancellationToken ct, AllowlistVersion? fallback = null)
    {
        // The history carries who changed it and why; GetParameter does not, so it is only the fallback.
        AllowlistVersion? current;
        try
        {
            current = await LoadAsync(ct) ?? fallback;
        }
        catch (ParameterStoreException) when (fallback is not null)
        {
            current = fallback;
        }
        return current is null ? new SaveOutcome.Missing() : new SaveOutcome.Conflict(current);
    }

    /// <summary>
    /// Suspends or restores connectors for the version just written (read back, so a racing write is mirrored as it
    /// stands). The list is already saved: a failure here is logged, and the refresher mirrors it within half a minute.
    /// </summary>
    private async Task MirrorAsync(CancellationToken ct)
    {
        try
        {
            await mirror.RefreshAsync(ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ParameterStoreException or InvalidOperationException)
        {
            log.LogError(e, "Allowlist saved but mirroring it into connector suspensions failed; the periodic refresh retries");
        }
    }

    private async Task<bool> AuditAsync(string actor, string action, object details, CancellationToken ct)
    {
        try
        {
            await audit.RecordAsync(actor, action, parameterName, details, ct);
            return true;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The parameter is already written and cannot be taken back; the page says the audit row is missing.
            log.LogError(e, "Allowlist change by {actor_hash} was written but its {action} audit row was not", EmailHash.Of(actor), action);
            return false;
        }
    }

    private PutParameter Put(AllowlistSave save, bool overwrite) =>
        new(parameterName, save.Proposed.ToParameterValue(), ParameterType.StringList, overwrite, ChangeDescription.Format(save.Actor, save.Note));

    public static string SecureStringProblem(string name) =>
        $"{name} is a SecureString parameter. The portal never decrypts parameters for editing; recreate it as a StringList (delete it, then create it here) to edit it in the portal.";
}

namespace Autri.Testing.Coordination;

/// <summary>
/// A string that must never leave a customer's deployment, seeded everywhere people's content lives: a user's email
/// and name, org, knowledge-base and library names, a document's title, source and text, a notification, an admin's
/// audit row and Logs Insights query. A test then searches everything the agent sent (or a diagnostics bundle) for it.
/// </summary>
public static class ContentMarker
{
    /// <summary>A new marker: unique, and shaped to survive any encoding (letters and digits only).</summary>
    public static string New() => "ZqMarker" + Guid.NewGuid().ToString("N");

    /// <summary>Seeds the marker into a migrated product database; returns the user it created.</summary>
    public static async Task<Guid> SeedAsync(NpgsqlDataSource db, string marker)
    {
        var (user, org, kb, library) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var cmd = db.CreateCommand("""
            INSERT INTO users (id, subject, email, display_name) VALUES (@user, @subject, @email, @name);
            INSERT INTO orgs (id, name, personal_of) VALUES (@org, @text, @user);
            INSERT INTO org_members (org_id, user_id, role) VALUES (@org, @user, 'owner');
            INSERT INTO kbs (id, org_id, name) VALUES (@kb, @org, @text);
            INSERT INTO libraries (id, org_id, name) VALUES (@library, @org, @text);
            INSERT INTO library_kbs (library_id, kb_id) VALUES (@library, @kb);
            INSERT INTO library_access (library_id, user_id, access) VALUES (@library, @user, 'owner');
            INSERT INTO documents (id, kb_id, title, source_uri, content)
                VALUES (gen_random_uuid(), @kb, @text, 'https://files.example.test/' || @marker, 'The quarterly plan mentions ' || @marker || ' twice: ' || @marker);
            INSERT INTO notifications (user_id, type, title, body) VALUES (@user, 'broadcast', @text, @text);
            INSERT INTO audit_events (actor, action, target, details) VALUES (@email, 'allowlist.save', @email, jsonb_build_object('note', @text));
            INSERT INTO log_query_runs (id, query_hash, query, log_groups, range_start, range_end, status, owner, error, started_by)
                VALUES (gen_random_uuid(), @marker, 'fields @message | filter @message like /' || @marker || '/', ARRAY['portal'],
                        now() - interval '1 hour', now(), 'Failed', 'marker-test', @text, @user);
            """);
        cmd.Parameters.AddWithValue("user", user);
        cmd.Parameters.AddWithValue("org", org);
        cmd.Parameters.AddWithValue("kb", kb);
        cmd.Parameters.AddWithValue("library", library);
        cmd.Parameters.AddWithValue("subject", "subject-" + marker);
        cmd.Parameters.AddWithValue("email", marker.ToLowerInvariant() + "@customer.example.test");
        cmd.Parameters.AddWithValue("name", "Person " + marker);
        cmd.Parameters.AddWithValue("text", "About " + marker);
        cmd.Parameters.AddWithValue("marker", marker);
        await cmd.ExecuteNonQueryAsync();
        return user;
    }

    /// <summary>Whether the text holds the marker in any case (emails are lower-cased on the way in).</summary>
    public static bool IsIn(string marker, string text) => text.Contains(marker, StringComparison.OrdinalIgnoreCase);
}

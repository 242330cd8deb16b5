namespace Autri.Infra.Tests.Database;

/// <summary>
/// What each deployable's Postgres role may do once migrations have run (migration 0012, and grants on later tables). The matrix is the whole truth:
/// a table, column or sequence grant it does not list fails the test, so a new table must say who may touch it. The
/// refusals connect as each role and try what it must never do. The apps' own test suites run as these roles, so a
/// grant their code needs and the migration forgot fails there.
/// </summary>
public sealed class AppRoleTests : IAsyncLifetime
{
    private const string Denied = PostgresErrorCodes.InsufficientPrivilege;

    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        [AppRoles.Portal] =
        [
            "agent_health_history: DELETE, INSERT, SELECT, UPDATE",
            "agent_health_history_id_seq: USAGE",
            "allowlist_mirror: INSERT, SELECT, UPDATE",
            "audit_events: INSERT, SELECT",
            "audit_events_id_seq: USAGE",
            "connector_api_keys: INSERT, SELECT, UPDATE",
            "connectors: INSERT, SELECT, UPDATE",
            "cost_cache: DELETE, INSERT, SELECT, UPDATE",
            "daily_metric_publications: INSERT, SELECT, UPDATE",
            "data_protection_keys: INSERT, SELECT, UPDATE",
            "deployment_licence: DELETE, INSERT, SELECT, UPDATE",
            "diagnostics_bundles: DELETE, INSERT, SELECT, UPDATE",
            "kbs: INSERT, SELECT",
            "libraries: INSERT, SELECT",
            "library_access: INSERT, SELECT",
            "library_kbs: INSERT, SELECT",
            "log_query_runs: DELETE, INSERT, SELECT, UPDATE",
            "mcp_audit_log: SELECT",
            "notifications: INSERT, SELECT, UPDATE",
            "notifications_id_seq: USAGE",
            "oauth_applications: DELETE, INSERT, SELECT, UPDATE",
            "oauth_authorizations: DELETE, INSERT, SELECT, UPDATE",
            "oauth_scopes: DELETE, INSERT, SELECT, UPDATE",
            "oauth_signing_keys: DELETE, INSERT, SELECT",
            "oauth_tokens: DELETE, INSERT, SELECT, UPDATE",
            "org_members: INSERT, SELECT",
            "orgs: INSERT, SELECT",
            "parameter_versions: DELETE, INSERT, SELECT",
            "schema_migrations: SELECT",
            "suspended_owners: DELETE, INSERT, SELECT",
            "users: INSERT, SELECT, UPDATE",
        ],
        [AppRoles.Mcp] =
        [
            "api_key_deletions: SELECT",
            "connector_api_keys: SELECT",
            "connector_api_keys.last_used_at: UPDATE",
            "connectors: SELECT",
            "connectors.last_used_at: UPDATE",
            "document_deletions: DELETE, SELECT",
            "documents: SELECT",
            "kbs: SELECT",
            "libraries: SELECT",
            "library_kbs: SELECT",
            "mcp_audit_log: INSERT",
            "mcp_audit_log_id_seq: USAGE",
            "schema_migrations: SELECT",
            "suspended_owners: SELECT",
        ],
        [AppRoles.Triggers] =
        [
            "connectors: SELECT",
            "kbs: INSERT, SELECT",
            "libraries: INSERT, SELECT",
            "library_access: INSERT, SELECT",
            "library_kbs: INSERT, SELECT",
            "notifications: INSERT",
            "notifications.type: SELECT",
            "notifications.user_id: SELECT",
            "notifications_id_seq: USAGE",
            "org_members: INSERT, SELECT",
            "orgs: INSERT, SELECT",
            "suspended_owners: SELECT",
            "users: INSERT, SELECT, UPDATE",
        ],
    };

    private string _owner = "";

    public async Task InitializeAsync()
    {
        _owner = await TestDatabase.NewAsync("roles");
        await using var db = NpgsqlDataSource.Create(_owner);
        await new Migrator(db).ApplyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_matrix_names_every_app_role()
    {
        Assert.Equal(AppRoles.All.Order(), Matrix.Keys.Order());
    }

    [Fact]
    public async Task Each_role_holds_exactly_the_grants_of_the_matrix()
    {
        await using var db = NpgsqlDataSource.Create(_owner);
        foreach (var role in AppRoles.All)
        {
            await using var cmd = db.CreateCommand("""
                SELECT c.relname || ': ' || string_agg(x.privilege_type, ', ' ORDER BY x.privilege_type)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) x
                WHERE n.nspname = 'public' AND x.grantee = $1::regrole
                GROUP BY c.relname
                UNION ALL
                SELECT c.relname || '.' || a.attname || ': ' || string_agg(x.privilege_type, ', ' ORDER BY x.privilege_type)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(a.attacl) x
                WHERE n.nspname = 'public' AND x.grantee = $1::regrole
                GROUP BY c.relname, a.attname
                """);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
            var actual = new List<string>();
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) actual.Add(r.GetString(0));

            Assert.Equal(Matrix[role].Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Each_role_is_a_plain_login_that_may_connect_to_the_app_database_and_create_nothing()
    {
        await using var db = NpgsqlDataSource.Create(_owner);
        foreach (var role in AppRoles.All)
        {
            await using var cmd = db.CreateCommand("""
                SELECT rolcanlogin, rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls,
                       has_database_privilege($1, current_database(), 'CONNECT'),
                       has_database_privilege($1, current_database(), 'CREATE') OR has_database_privilege($1, current_database(), 'TEMP'),
                       has_schema_privilege($1, 'public', 'CREATE')
                FROM pg_roles WHERE rolname = $1
                """);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync(), role + " exists");
            Assert.True(r.GetBoolean(0), role + " can log in");
            Assert.False(r.GetBoolean(1), role + " has no elevated attribute");
            Assert.True(r.GetBoolean(2), role + " may connect");
            Assert.False(r.GetBoolean(3), role + " may not create schemas or temporary tables");
            Assert.False(r.GetBoolean(4), role + " may not create in public");
        }
    }

    [Theory]
    // The internet-facing MCP server: no way to un-revoke a connector, to read admin actions, the allowlist, other
    // people's accounts or any key material, to write documents or erase its audit trail, or to change the schema.
    [InlineData(AppRoles.Mcp, "UPDATE connectors SET revoked_at = NULL")]
    [InlineData(AppRoles.Mcp, "UPDATE connectors SET library_id = library_id")]
    [InlineData(AppRoles.Mcp, "UPDATE connector_api_keys SET expires_at = NULL")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM audit_events")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM parameter_versions")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM users")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM oauth_signing_keys")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM data_protection_keys")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM oauth_tokens")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM mcp_audit_log")]
    [InlineData(AppRoles.Mcp, "DELETE FROM mcp_audit_log")]
    [InlineData(AppRoles.Mcp, "INSERT INTO documents (id, kb_id, title, content) VALUES (gen_random_uuid(), gen_random_uuid(), 't', 'c')")]
    [InlineData(AppRoles.Mcp, "DELETE FROM documents")]
    [InlineData(AppRoles.Mcp, "INSERT INTO document_deletions (id, kb_id) VALUES (gen_random_uuid(), gen_random_uuid())")]
    [InlineData(AppRoles.Mcp, "DELETE FROM api_key_deletions")]
    [InlineData(AppRoles.Mcp, "INSERT INTO api_key_deletions (key_id) VALUES (gen_random_uuid())")]
    [InlineData(AppRoles.Mcp, "CREATE TABLE stolen (id int)")]
    [InlineData(AppRoles.Mcp, "CREATE TEMP TABLE scratch (id int)")]
    [InlineData(AppRoles.Mcp, "ALTER TABLE connectors DISABLE TRIGGER ALL")]
    [InlineData(AppRoles.Mcp, "DELETE FROM suspended_owners")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM allowlist_mirror")]
    [InlineData(AppRoles.Triggers, "DELETE FROM suspended_owners")]
    // The triggers: provisioning and a connector lookup, nothing of connectors' state, keys or admin records.
    [InlineData(AppRoles.Triggers, "UPDATE connectors SET revoked_at = NULL")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM oauth_signing_keys")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM data_protection_keys")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM audit_events")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM parameter_versions")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM connector_api_keys")]
    [InlineData(AppRoles.Triggers, "DELETE FROM users")]
    [InlineData(AppRoles.Triggers, "CREATE TABLE stolen (id int)")]
    // The portal: everything its pages do, but no schema change and no rewriting of the admin audit trail.
    [InlineData(AppRoles.Portal, "DROP TABLE users")]
    [InlineData(AppRoles.Portal, "DROP TABLE audit_events")]
    [InlineData(AppRoles.Portal, "TRUNCATE connectors")]
    [InlineData(AppRoles.Portal, "ALTER TABLE connectors DROP COLUMN revoked_at")]
    [InlineData(AppRoles.Portal, "UPDATE audit_events SET actor = 'someone else'")]
    [InlineData(AppRoles.Portal, "DELETE FROM audit_events")]
    [InlineData(AppRoles.Portal, "DELETE FROM mcp_audit_log")]
    [InlineData(AppRoles.Portal, "CREATE TABLE stolen (id int)")]
    [InlineData(AppRoles.Portal, "CREATE ROLE intruder LOGIN")]
    [InlineData(AppRoles.Portal, "DELETE FROM schema_migrations")]
    public async Task A_role_is_refused_what_it_must_not_do(string role, string sql)
    {
        await using var db = NpgsqlDataSource.Create(DatabaseLogins.As(_owner, role));

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = db.CreateCommand(sql);
            await cmd.ExecuteNonQueryAsync();
        });

        Assert.Equal(Denied, error.SqlState);
    }

    [Theory]
    [InlineData(AppRoles.Mcp, "UPDATE connectors SET last_used_at = now()")]
    [InlineData(AppRoles.Mcp, "UPDATE connector_api_keys SET last_used_at = now()")]
    [InlineData(AppRoles.Mcp, "INSERT INTO mcp_audit_log (tool, status, latency_ms) VALUES ('search', 'ok', 1)")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM documents d JOIN library_kbs l ON l.kb_id = d.kb_id")]
    [InlineData(AppRoles.Mcp, "DELETE FROM document_deletions WHERE deleted_at < now() - interval '7 days'")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM api_key_deletions WHERE change_xid >= '1'::xid8")]
    [InlineData(AppRoles.Mcp, "LISTEN autri_api_keys")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM connectors")]
    [InlineData(AppRoles.Mcp, "SELECT count(*) FROM connectors c WHERE NOT EXISTS (SELECT 1 FROM suspended_owners s WHERE s.user_id = c.created_by)")]
    [InlineData(AppRoles.Triggers, "SELECT count(*) FROM connectors c WHERE NOT EXISTS (SELECT 1 FROM suspended_owners s WHERE s.user_id = c.created_by)")]
    [InlineData(AppRoles.Portal, "SELECT count(*) FROM oauth_signing_keys")]
    [InlineData(AppRoles.Portal, "INSERT INTO audit_events (actor, action) VALUES ('admin@autri.test', 'test.grant')")]
    public async Task A_role_may_do_what_its_code_does(string role, string sql)
    {
        await using var db = NpgsqlDataSource.Create(DatabaseLogins.As(_owner, role));
        await using var cmd = db.CreateCommand(sql);

        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Only_the_portal_reads_the_oauth_signing_keys_and_the_data_protection_key_ring()
    {
        await using var db = NpgsqlDataSource.Create(_owner);
        await using var cmd = db.CreateCommand("""
            SELECT r.rolname FROM pg_roles r
            WHERE r.rolname = ANY($1) AND (has_table_privilege(r.rolname, 'oauth_signing_keys', 'SELECT')
                                          OR has_table_privilege(r.rolname, 'data_protection_keys', 'SELECT'))
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = AppRoles.All.ToArray() });
        var readers = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) readers.Add(r.GetString(0));

        Assert.Equal([AppRoles.Portal], readers);
    }
}

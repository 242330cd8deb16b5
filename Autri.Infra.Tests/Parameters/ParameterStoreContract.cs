namespace Autri.Infra.Tests.Parameters;

/// <summary>
/// What every parameter-store adapter must do, run against each (SSM through the strict fake, and Postgres).
/// Each test class instance gets a fresh, empty store.
/// </summary>
public abstract class ParameterStoreContract : IAsyncLifetime
{
    protected IParameterStore Store { get; private set; } = null!;

    protected abstract Task<IParameterStore> CreateStoreAsync();

    protected abstract Task DisposeStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    private Task<long> Put(string name, string value, bool overwrite = true, ParameterType type = ParameterType.String, string? description = null) =>
        Store.PutAsync(new PutParameter(name, value, type, overwrite, description));

    [Fact]
    public async Task A_new_parameter_is_version_1_and_each_overwrite_adds_one()
    {
        Assert.Equal(1, await Put("/autri/allowlist", "a@example.com", overwrite: false));
        Assert.Equal(2, await Put("/autri/allowlist", "b@example.com"));
        Assert.Equal(3, await Put("/autri/allowlist", "c@example.com"));

        var p = await Store.GetAsync("/autri/allowlist");

        Assert.Equal(("/autri/allowlist", ParameterType.String, "c@example.com", 3L), (p.Name, p.Type, p.Value, p.Version));
        Assert.NotEqual(default, p.LastModified);
    }

    [Fact]
    public async Task History_lists_every_version_oldest_first_with_values_descriptions_and_who()
    {
        await Put("/autri/h", "one", overwrite: false, description: "first");
        await Put("/autri/h", "two", description: "second");

        var history = await Store.GetHistoryAsync("/autri/h");

        Assert.Equal([(1L, "one", "first"), (2L, "two", "second")], history.Select(h => (h.Version, h.Value, h.Description)));
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty(h.LastModifiedUser)));
    }

    [Fact]
    public async Task Writing_an_existing_name_without_overwrite_fails_with_ParameterAlreadyExists()
    {
        await Put("/autri/once", "v", overwrite: false);

        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => Put("/autri/once", "w", overwrite: false));

        Assert.Equal("ParameterAlreadyExists", error.Code);
        Assert.Equal("v", (await Store.GetAsync("/autri/once")).Value);
    }

    [Fact]
    public async Task A_missing_parameter_is_ParameterNotFound_for_get_and_history()
    {
        var get = await Assert.ThrowsAsync<ParameterStoreException>(() => Store.GetAsync("/autri/missing"));
        var history = await Assert.ThrowsAsync<ParameterStoreException>(() => Store.GetHistoryAsync("/autri/missing"));

        Assert.True(get.IsNotFound);
        Assert.Equal("ParameterNotFound", history.Code);
    }

    [Fact]
    public async Task A_StringList_round_trips_comma_joined()
    {
        await Put("/autri/ALLOWED_EMAILS", "a@example.com,b@example.com", type: ParameterType.StringList);

        var p = await Store.GetAsync("/autri/ALLOWED_EMAILS");

        Assert.Equal(ParameterType.StringList, p.Type);
        Assert.Equal(["a@example.com", "b@example.com"], p.Value.Split(','));
    }

    [Fact]
    public async Task By_path_lists_direct_children_or_everything_below_when_recursive()
    {
        await Put("/app/a", "1");
        await Put("/app/b", "2");
        await Put("/app/sub/c", "3");
        await Put("/apple", "not under /app/");

        var direct = await Store.GetByPathAsync("/app", recursive: false, null);
        var all = await Store.GetByPathAsync("/app/", recursive: true, null);

        Assert.Equal(["/app/a", "/app/b"], direct.Parameters.Select(p => p.Name));
        Assert.Equal(["/app/a", "/app/b", "/app/sub/c"], all.Parameters.Select(p => p.Name));
        Assert.Equal(["1", "2", "3"], all.Parameters.Select(p => p.Value));
        Assert.Null(all.NextToken);
    }

    [Fact]
    public async Task By_path_pages_at_most_ten_and_the_token_continues_where_the_page_ended()
    {
        for (var i = 0; i < 23; i++) await Put($"/many/p{i:D2}", i.ToString());

        var names = new List<string>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await Store.GetByPathAsync("/many", recursive: true, token);
            sizes.Add(page.Parameters.Count);
            names.AddRange(page.Parameters.Select(p => p.Name));
            token = page.NextToken;
        } while (token is not null);

        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"/many/p{i:D2}"), names);
        Assert.All(sizes, s => Assert.InRange(s, 1, ParameterRules.PageSize));
    }

    [Fact]
    public async Task SecureString_values_are_masked_in_listings_but_readable_by_get()
    {
        await Put("/sec/a-token", "s3cret", type: ParameterType.SecureString);
        await Put("/sec/b-plain", "visible");

        var listed = await Store.GetByPathAsync("/sec", recursive: false, null);
        var history = await Store.GetHistoryAsync("/sec/a-token");
        var got = await Store.GetAsync("/sec/a-token");

        Assert.Equal([ParameterRules.MaskedValue, "visible"], listed.Parameters.Select(p => p.Value));
        Assert.Equal(ParameterType.SecureString, listed.Parameters[0].Type);
        Assert.Equal(ParameterRules.MaskedValue, Assert.Single(history).Value);
        Assert.Equal("s3cret", got.Value);
    }

    [Fact]
    public async Task A_value_over_4096_characters_is_refused_with_ValidationException()
    {
        Assert.Equal(1, await Put("/big/ok", new string('x', 4096)));

        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => Put("/big/too", new string('x', 4097)));

        Assert.Equal("ValidationException", error.Code);
        Assert.True((await Assert.ThrowsAsync<ParameterStoreException>(() => Store.GetAsync("/big/too"))).IsNotFound);
    }

    [Theory]
    [InlineData("/aws/reserved")]
    [InlineData("ssm-name")]
    [InlineData("/has space")]
    [InlineData("no/leading/slash")]
    [InlineData("")]
    public async Task Names_SSM_refuses_are_refused_with_ValidationException(string name)
    {
        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => Put(name, "v"));

        Assert.Equal("ValidationException", error.Code);
    }

    [Fact]
    public async Task Concurrent_writers_each_get_a_distinct_version_and_no_write_is_lost()
    {
        await Put("/race/x", "start", overwrite: false);

        var versions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Put("/race/x", "w" + i)));
        var history = await Store.GetHistoryAsync("/race/x");

        Assert.Equal(Enumerable.Range(2, 12).Select(v => (long)v), versions.Order());
        Assert.Equal(13, history.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => "w" + i).Order(), history.Skip(1).Select(h => h.Value).Order());
    }

    [Fact]
    public async Task History_keeps_the_latest_100_versions_and_drops_the_oldest()
    {
        for (var i = 1; i <= 102; i++) await Put("/hist/long", "v" + i);

        var history = await Store.GetHistoryAsync("/hist/long");

        Assert.Equal(ParameterRules.MaxVersions, history.Count);
        Assert.Equal(3, history[0].Version);
        Assert.Equal(102, history[^1].Version);
        Assert.Equal("v102", (await Store.GetAsync("/hist/long")).Value);
    }
}
